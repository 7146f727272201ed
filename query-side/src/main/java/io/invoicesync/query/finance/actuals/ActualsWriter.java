package io.invoicesync.query.finance.actuals;

import io.invoicesync.kernel.backlog.TransactionClass;
import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.finance.ProvenRepeat;
import io.invoicesync.query.finance.TableMapWriter;
import io.invoicesync.query.finance.Trace;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The msdyn_actuals table map: billed sales actuals, each pointing at its invoice proposal line. */
@Component
public class ActualsWriter implements TableMapWriter<BilledActualsCreated> {

    static final String BILLED_SALES = "Billed Sales";
    static final String CUSTOMER_INVOICE_CREATED = "Customer Invoice Created";
    public static final FinanceTable TABLE = new FinanceTable(TableMap.ACTUALS, "finance_actual", "actual_id",
            List.of("invoice_proposal_id", "invoice_line_id", "unbilled_transaction_id", "transaction_type",
                    "transaction_class", "transaction_class_code", "billing_status", "project_id", "contract_line_id",
                    "quantity", "unit_price", "amount", "currency", "document_date"));
    private static final String INSERT = ProvenRepeat.insert(TABLE);

    private final JdbcTemplate jdbc;

    public ActualsWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The msdyn_actuals row Finance receives for a billed actual. */
    public static FinanceRow row(UUID invoiceId, BilledActual actual) {
        return TABLE.row(actual.actualId(), invoiceId, actual.invoiceLineId(), actual.unbilledTransactionId(), BILLED_SALES, actual.transactionClass(),
                TransactionClass.valueOf(actual.transactionClass()).optionValue(), CUSTOMER_INVOICE_CREATED,
                actual.projectId(), actual.contractLineId(), actual.quantity(), actual.unitPrice(), actual.amount(),
                actual.currency(), actual.documentDate());
    }

    @Override
    public TableMap tableMap() {
        return TableMap.ACTUALS;
    }

    @Override
    public Class<BilledActualsCreated> sourceType() {
        return BilledActualsCreated.class;
    }

    @Override
    public int write(TableMapBatchApplied batch, BilledActualsCreated source, Trace trace) {
        jdbc.batchUpdate(INSERT, source.actuals(), MAX_BATCH,
                (ps, actual) -> trace.bind(ps, row(batch.invoiceId(), actual).bind(ps)));
        return source.actuals().size();
    }

    @Override
    public int erase(UUID invoiceId) {
        return jdbc.update("DELETE FROM finance_actual WHERE invoice_proposal_id = ?", invoiceId);
    }
}
