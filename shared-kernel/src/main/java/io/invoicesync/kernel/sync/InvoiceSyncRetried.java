package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

public record InvoiceSyncRetried(UUID invoiceId, UUID jobId, Instant retriedAt) implements SyncEvent {
}
