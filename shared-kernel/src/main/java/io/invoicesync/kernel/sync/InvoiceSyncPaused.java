package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/** Its job was stopped mid-sync: no further batch until the job runs again. */
public record InvoiceSyncPaused(UUID invoiceId, UUID jobId, Instant pausedAt) implements SyncEvent {
}
