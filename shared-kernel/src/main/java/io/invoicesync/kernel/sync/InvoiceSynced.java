package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

public record InvoiceSynced(UUID invoiceId, UUID jobId, UUID runId, String mode, Instant syncedAt) implements SyncEvent {
}
