package io.invoicesync.query.finance.invoiceproposal;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.ProvenRepeat;
import io.invoicesync.query.finance.TableMapWriter;
import io.invoicesync.query.finance.Trace;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The invoices table map: Project invoice proposal V2, the header (batch 1) and the lines, which Finance makes from
 * the billed actuals.
 */
@Component
public class InvoiceProposalWriter implements TableMapWriter<BilledActualsCreated> {

    private static final String INSERT_HEADER = ProvenRepeat.insert("finance_invoice_proposal", "invoice_proposal_id",
            List.of("project_contract_id", "customer_id", "sales_currency", "invoice_date", "invoice_header_text",
                    "line_count", "total_amount", "sync_mode"));
    private static final String INSERT_LINE = ProvenRepeat.insert("finance_invoice_proposal_line", "line_id",
            List.of("invoice_proposal_id", "transaction_class", "project_id", "contract_line_id", "quantity",
                    "unit_price", "amount", "transaction_date"));

    private final JdbcTemplate jdbc;

    public InvoiceProposalWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public TableMap tableMap() {
        return TableMap.INVOICES;
    }

    @Override
    public Class<BilledActualsCreated> sourceType() {
        return BilledActualsCreated.class;
    }

    @Override
    public int write(TableMapBatchApplied batch, BilledActualsCreated source, Trace trace) {
        if (batch.header() != null) {
            InvoiceProposalHeader h = batch.header();
            jdbc.update(connection -> {
                PreparedStatement ps = connection.prepareStatement(INSERT_HEADER);
                ps.setObject(1, h.invoiceProposalId());
                ps.setString(2, h.projectContractId());
                ps.setString(3, h.customerId());
                ps.setString(4, h.salesCurrency());
                ps.setDate(5, Date.valueOf(h.invoiceDate()));
                ps.setString(6, h.invoiceHeaderText());
                ps.setInt(7, h.lineCount());
                ps.setBigDecimal(8, h.totalAmount());
                ps.setString(9, (batch.jobId() == null ? SyncMode.REAL_TIME : SyncMode.ASYNC).name());
                trace.bind(ps, 10);
                return ps;
            });
        }
        jdbc.batchUpdate(INSERT_LINE, source.actuals(), MAX_BATCH, (ps, line) -> {
            bindLine(ps, batch, line);
            trace.bind(ps, 10);
        });
        return (batch.header() == null ? 0 : 1) + source.actuals().size();
    }

    private static void bindLine(PreparedStatement ps, TableMapBatchApplied batch, BilledActual line)
            throws SQLException {
        ps.setObject(1, line.invoiceLineId());
        ps.setObject(2, batch.invoiceId());
        ps.setString(3, line.transactionClass());
        ps.setString(4, line.projectId());
        ps.setString(5, line.contractLineId());
        ps.setBigDecimal(6, line.quantity());
        ps.setBigDecimal(7, line.unitPrice());
        ps.setBigDecimal(8, line.amount());
        ps.setDate(9, Date.valueOf(line.documentDate()));
    }
}
