package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every Finance row of the invoice is written. {@code tableMaps} names the maps this very event wrote, in one
 * transaction with it ({@link FitsOneTransaction}): each of their rows records this event as the one that applied it,
 * and a rebuild writes them again from the proforma's events when it meets this one. Null when batches wrote the rows
 * (a larger invoice, or an invoice synced before the field existed): the rows came with their
 * {@link TableMapBatchApplied} events.
 */
public record InvoiceSynced(UUID invoiceId, UUID jobId, UUID runId, String mode, Instant syncedAt,
                            List<String> tableMaps) implements SyncEvent {

    /** Synced batch by batch: the batches' own events hold the rows. */
    public InvoiceSynced(UUID invoiceId, UUID jobId, UUID runId, String mode, Instant syncedAt) {
        this(invoiceId, jobId, runId, mode, syncedAt, null);
    }

    /** Whether this event wrote the invoice's rows itself, in one transaction. */
    public boolean wroteRows() {
        return tableMaps != null;
    }
}
