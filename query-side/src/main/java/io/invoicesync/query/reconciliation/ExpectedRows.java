package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionConnection;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.actuals.ActualsWriter;
import io.invoicesync.query.finance.connections.ConnectionsWriter;
import io.invoicesync.query.finance.invoiceproposal.InvoiceProposalWriter;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Finance rows a confirmed proforma's events say Finance must hold, made by the writers' own row methods (the
 * rows the sync writes), so that the comparison checks Finance against the events, not against a second copy of the
 * mapping.
 */
final class ExpectedRows {

    private ExpectedRows() {
    }

    /** Hands each row one of the proforma's events stands for to {@code rows}; other events give none. */
    static void of(UUID invoiceId, Object event, Consumer<FinanceRow> rows) {
        if (event instanceof ProformaConfirmed confirmed) {
            rows.accept(InvoiceProposalWriter.headerRow(InvoiceProposalHeader.of(confirmed)));
        } else if (event instanceof BilledActualsCreated chunk) {
            for (BilledActual actual : chunk.actuals()) {
                rows.accept(InvoiceProposalWriter.lineRow(invoiceId, actual));
                rows.accept(ActualsWriter.row(invoiceId, actual));
            }
        } else if (event instanceof TransactionsConnected chunk) {
            for (TransactionConnection connection : chunk.connections()) {
                rows.accept(ConnectionsWriter.row(invoiceId, connection));
            }
        }
    }
}
