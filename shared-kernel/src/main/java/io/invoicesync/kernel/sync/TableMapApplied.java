package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

public record TableMapApplied(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batches, Instant appliedAt)
        implements SyncEvent {
}
