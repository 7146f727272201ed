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
 * <p>Batches written before this (revision 1) also held the rows themselves; they are read the same way, and the
 * rows they hold are ignored.
 */
public record TableMapBatchApplied(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber,
                                   String sourceEventId, InvoiceProposalHeader header, Instant appliedAt)
        implements SyncEvent {
}
