package io.invoicesync.kernel.proforma;

/**
 * Where a confirmation's events stand in a proforma's stream, the one place that knows it. Confirming appends, for
 * each chunk k of 1 to {@code chunks}, a {@link BilledActualsCreated} then a {@link TransactionsConnected}, and then
 * {@link ProformaConfirmed} last, all contiguous: nothing else can be applied to a proforma while it confirms. So
 * from the confirmation's sequence number every chunk's events are found without reading the stream.
 *
 * @param confirmedSequence the sequence number of the proforma's {@link ProformaConfirmed}
 * @param chunks            how many chunk pairs stand before it ({@link ProformaConfirmed#chunks()})
 */
public record ConfirmationLayout(long confirmedSequence, int chunks) {

    /** Two events per chunk: actuals, then connections. */
    private static final int EVENTS_PER_CHUNK = 2;

    public ConfirmationLayout {
        if (chunks < 1 || confirmedSequence < (long) EVENTS_PER_CHUNK * chunks) {
            throw new IllegalArgumentException("No confirmation of " + chunks + " chunks ends at sequence "
                    + confirmedSequence);
        }
    }

    /** The sequence number of chunk {@code chunk}'s {@link BilledActualsCreated}, chunks counted from 1. */
    public long actualsOf(int chunk) {
        return firstChunkSequence() + (long) EVENTS_PER_CHUNK * (checked(chunk) - 1);
    }

    /** The sequence number of chunk {@code chunk}'s {@link TransactionsConnected}. */
    public long connectionsOf(int chunk) {
        return actualsOf(chunk) + 1;
    }

    private long firstChunkSequence() {
        return confirmedSequence - (long) EVENTS_PER_CHUNK * chunks;
    }

    private int checked(int chunk) {
        if (chunk < 1 || chunk > chunks) {
            throw new IllegalArgumentException("Chunk " + chunk + " is not among the " + chunks + " of this confirmation");
        }
        return chunk;
    }
}
