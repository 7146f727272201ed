package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * A record Finance could not take: the invoice stops at this map until the error is retried or dismissed.
 *
 * <p>{@code rule} and {@code subject}: for a business rule Finance applies, its name and what it is about (the rule
 * {@code customer-is-not-on-hold} and the customer's id), so that the failures one cause makes are grouped and fixed
 * once; null for a system failure, and in failures recorded before they existed.
 */
public record SyncRecordFailed(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber,
                               String recordId, String category, String cause, Instant failedAt, String rule,
                               String subject) implements SyncEvent {

    /** A failure no business rule names: a system failure. */
    public SyncRecordFailed(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber, String recordId,
                            String category, String cause, Instant failedAt) {
        this(invoiceId, jobId, runId, tableMap, batchNumber, recordId, category, cause, failedAt, null, null);
    }
}
