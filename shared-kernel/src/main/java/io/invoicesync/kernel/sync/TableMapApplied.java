package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * One map of an invoice written. No longer appended: nothing read it, and an invoice's progress already records each
 * batch. Kept so that the event store's earlier events of this type still load.
 */
public record TableMapApplied(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batches, Instant appliedAt)
        implements SyncEvent {
}
