package io.invoicesync.query.syncstate;

/** What the coordinator holds of a confirmed invoice ({@code sync_coordinator_invoice.state}). */
public enum CoordinatorState implements Labelled {
    /** Confirmed while no job ran, or to be synced again from its first batch: the next dispatch takes it. */
    WAITING("Waiting"),
    /** Handed to a run: its saga syncs it. */
    DISPATCHED("Dispatched"),
    /** Its job was stopped: the next run resumes it first. */
    PAUSED("Paused"),
    FAILED("Failed"),
    SYNCED("Synced");

    private final String label;

    CoordinatorState(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
