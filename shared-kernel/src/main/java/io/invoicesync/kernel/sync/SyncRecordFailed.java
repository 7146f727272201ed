package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/** A record Finance could not take: the invoice stops at this map until the error is retried or dismissed. */
public record SyncRecordFailed(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber,
                               String recordId, String category, String cause, Instant failedAt) implements SyncEvent {
}
