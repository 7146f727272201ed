package io.invoicesync.command.proforma;

import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.TransactionConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What confirming does to each line, as Project Operations does it: a billed sales actual replaces the unbilled one,
 * and connections tie the billed actual to its invoice line and to the unbilled actual it replaces. Ids are derived
 * from the line id, so the same line always yields the same Finance keys (replays and retries stay idempotent).
 */
final class BillingOnConfirmation {

    /** Lines billed per chunk, in one transaction: a chunk's events hold 1,000 actuals and up to 2,000 connections. */
    static final int CHUNK_SIZE = 1_000;

    private final String currency;

    BillingOnConfirmation(String currency) {
        this.currency = currency;
    }

    static UUID billedActualId(UUID lineId) {
        return derived("billed-actual", lineId);
    }

    List<BilledActual> actualsFor(List<InvoiceLine> lines) {
        List<BilledActual> actuals = new ArrayList<>(lines.size());
        for (InvoiceLine line : lines) {
            actuals.add(new BilledActual(billedActualId(line.lineId()), line.lineId(), line.backlogTransactionId(),
                    line.transactionClass(), line.projectId(), line.contractLineId(), line.quantity(), line.unitPrice(),
                    line.amount(), currency, line.transactionDate()));
        }
        return actuals;
    }

    List<TransactionConnection> connectionsFor(List<InvoiceLine> lines) {
        List<TransactionConnection> connections = new ArrayList<>(lines.size() * 2);
        for (InvoiceLine line : lines) {
            String billed = billedActualId(line.lineId()).toString();
            connections.add(new TransactionConnection(derived("billed-to-line", line.lineId()),
                    billed, TransactionConnection.ROLE_BILLED_SALES, TransactionConnection.TYPE_ACTUAL,
                    line.lineId().toString(), TransactionConnection.ROLE_BILLED_SALES,
                    TransactionConnection.TYPE_INVOICE_LINE_TRANSACTION));
            if (line.backlogTransactionId() != null) {
                connections.add(new TransactionConnection(derived("unbilled-to-billed", line.lineId()),
                        line.backlogTransactionId().toString(), TransactionConnection.ROLE_UNBILLED_SALES,
                        TransactionConnection.TYPE_ACTUAL,
                        billed, TransactionConnection.ROLE_BILLED_SALES, TransactionConnection.TYPE_ACTUAL));
            }
        }
        return connections;
    }

    private static UUID derived(String purpose, UUID lineId) {
        return UUID.nameUUIDFromBytes((purpose + ":" + lineId).getBytes(StandardCharsets.UTF_8));
    }
}
