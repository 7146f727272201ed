package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/** Its errors were dismissed: the invoice leaves the sync where it stopped; nothing is purged. */
public record InvoiceSyncDismissed(UUID invoiceId, UUID jobId, Instant dismissedAt) implements SyncEvent {
}
