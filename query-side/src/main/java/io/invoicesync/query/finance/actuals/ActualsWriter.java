package io.invoicesync.query.finance.actuals;

import io.invoicesync.kernel.backlog.TransactionClass;
import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.ProvenRepeat;
import io.invoicesync.query.finance.TableMapWriter;
import io.invoicesync.query.finance.Trace;
import java.sql.Date;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The msdyn_actuals table map: billed sales actuals, each pointing at its invoice proposal line. */
@Component
public class ActualsWriter implements TableMapWriter<BilledActualsCreated> {

    static final String BILLED_SALES = "Billed Sales";
    static final String CUSTOMER_INVOICE_CREATED = "Customer Invoice Created";
    private static final String INSERT = ProvenRepeat.insert("finance_actual", "actual_id", List.of(
            "invoice_proposal_id", "invoice_line_id", "unbilled_transaction_id", "transaction_type",
            "transaction_class", "transaction_class_code", "billing_status", "project_id", "contract_line_id",
            "quantity", "unit_price", "amount", "currency", "document_date"));

    private final JdbcTemplate jdbc;

    public ActualsWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        jdbc.batchUpdate(INSERT, source.actuals(), MAX_BATCH, (ps, actual) -> {
            ps.setObject(1, actual.actualId());
            ps.setObject(2, batch.invoiceId());
            ps.setObject(3, actual.invoiceLineId());
            ps.setObject(4, actual.unbilledTransactionId());
            ps.setString(5, BILLED_SALES);
            ps.setString(6, actual.transactionClass());
            ps.setInt(7, TransactionClass.valueOf(actual.transactionClass()).optionValue());
            ps.setString(8, CUSTOMER_INVOICE_CREATED);
            ps.setString(9, actual.projectId());
            ps.setString(10, actual.contractLineId());
            ps.setBigDecimal(11, actual.quantity());
            ps.setBigDecimal(12, actual.unitPrice());
            ps.setBigDecimal(13, actual.amount());
            ps.setString(14, actual.currency());
            ps.setDate(15, Date.valueOf(actual.documentDate()));
            trace.bind(ps, 16);
        });
        return source.actuals().size();
    }
}
