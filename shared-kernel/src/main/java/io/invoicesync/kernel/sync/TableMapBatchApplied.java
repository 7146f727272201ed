package io.invoicesync.kernel.sync;

import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.TransactionConnection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One batch of one table map, with the rows Finance receives, so that the Finance read model is rebuilt from events
 * alone. invoices: the header (batch 1) and proposal lines made from billed actuals; msdyn_actuals: the billed
 * actuals; msdyn_transactionconnections: the connections. {@code sourceEventId} is the proforma event they came from.
 */
public record TableMapBatchApplied(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber,
                                   String sourceEventId, InvoiceProposalHeader header, List<BilledActual> actuals,
                                   List<TransactionConnection> connections, Instant appliedAt) implements SyncEvent {

    public int rowCount() {
        return (header == null ? 0 : 1) + (actuals == null ? 0 : actuals.size())
                + (connections == null ? 0 : connections.size());
    }
}
