package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

public record InvoiceSyncResumed(UUID invoiceId, UUID jobId, UUID runId, Instant resumedAt) implements SyncEvent {
}
