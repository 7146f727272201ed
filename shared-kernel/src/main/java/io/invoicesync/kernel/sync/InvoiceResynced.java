package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * A synced invoice's Finance rows were written again from its events, on an operator's request and for the reason
 * given (a reconciliation mismatch, a hand edit): the audit of the repair. Who asked is in the event's metadata, as
 * for every action. Finance's rows themselves come from the invoice's batch events, so a replay needs nothing of it.
 */
public record InvoiceResynced(UUID invoiceId, UUID jobId, String reason, long rows, Instant resyncedAt)
        implements SyncEvent {
}
