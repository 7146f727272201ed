package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * One batch of one table map sent to Finance. It names the proforma event its rows come from ({@code sourceEventId}:
 * a chunk's {@code BilledActualsCreated} for invoices and msdyn_actuals, its {@code TransactionsConnected} for
 * msdyn_transactionconnections) rather than copying them: the Finance writer reads them there, so the event store
 * holds each row once, and the Finance read model is still rebuilt from events alone. The invoices map's batch 1
 * also carries the proposal's header, which Finance gets from the confirmation.
 *
 * <p>{@code writtenAwaited}: whether the saga that sent it waits for its {@link TableMapBatchWritten} to send more.
 * A saga that sent its invoice's last batch has ended, and an acknowledgement would be one more event appended, read
 * by every group and looked up in the saga store for nothing: a small invoice, sent whole in one step, had three.
 * Null (batches written before the field existed) means awaited, as every batch then was.
 *
 * <p>Batches written before this (revision 1) also held the rows themselves; they are read the same way, and the
 * rows they hold are ignored.
 */
public record TableMapBatchApplied(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber,
                                   String sourceEventId, InvoiceProposalHeader header, Instant appliedAt,
                                   Boolean writtenAwaited)
        implements SyncEvent {

    /** Whether Finance tells the saga once it has written this batch: only for a job's batch a saga waits on. */
    public boolean acknowledged() {
        return jobId != null && (writtenAwaited == null || writtenAwaited);
    }

    /** This batch, sent by a saga that has sent its invoice's last batch and ended: nobody waits for it. */
    public TableMapBatchApplied unawaited() {
        return new TableMapBatchApplied(invoiceId, jobId, runId, tableMap, batchNumber, sourceEventId, header,
                appliedAt, false);
    }
}
