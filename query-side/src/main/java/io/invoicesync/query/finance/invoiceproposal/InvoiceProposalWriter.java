package io.invoicesync.query.finance.invoiceproposal;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.finance.ProvenRepeat;
import io.invoicesync.query.finance.TableMapWriter;
import io.invoicesync.query.finance.Trace;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The invoices table map: Project invoice proposal V2, the header (batch 1) and the lines, which Finance makes from
 * the billed actuals.
 */
@Component
public class InvoiceProposalWriter implements TableMapWriter<BilledActualsCreated> {

    public static final FinanceTable HEADER = new FinanceTable(TableMap.INVOICES, "finance_invoice_proposal",
            "invoice_proposal_id", List.of("project_contract_id", "customer_id", "sales_currency", "invoice_date",
            "invoice_header_text", "line_count", "total_amount"));
    public static final FinanceTable LINE = new FinanceTable(TableMap.INVOICES, "finance_invoice_proposal_line",
            "line_id", List.of("invoice_proposal_id", "transaction_class", "project_id", "contract_line_id",
            "quantity", "unit_price", "amount", "transaction_date"));
    /** How the proposal came (real time or a job) is part of the row a repeat must match, not of its content. */
    private static final String INSERT_HEADER = ProvenRepeat.insert(HEADER, "sync_mode");
    private static final String INSERT_LINE = ProvenRepeat.insert(LINE);

    private final JdbcTemplate jdbc;

    public InvoiceProposalWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The proposal's header row as Finance receives it. */
    public static FinanceRow headerRow(InvoiceProposalHeader h) {
        return HEADER.row(h.invoiceProposalId(), h.projectContractId(), h.customerId(), h.salesCurrency(),
                h.invoiceDate(), h.invoiceHeaderText(), h.lineCount(), h.totalAmount());
    }

    /** The proposal line Finance makes of a billed actual. */
    public static FinanceRow lineRow(UUID invoiceId, BilledActual line) {
        return LINE.row(line.invoiceLineId(), invoiceId, line.transactionClass(), line.projectId(),
                line.contractLineId(), line.quantity(), line.unitPrice(), line.amount(), line.documentDate());
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
            FinanceRow header = headerRow(batch.header());
            jdbc.update(connection -> {
                PreparedStatement ps = connection.prepareStatement(INSERT_HEADER);
                int next = header.bind(ps);
                ps.setString(next, (batch.jobId() == null ? SyncMode.REAL_TIME : SyncMode.ASYNC).name());
                trace.bind(ps, next + 1);
                return ps;
            });
        }
        jdbc.batchUpdate(INSERT_LINE, source.actuals(), MAX_BATCH,
                (ps, line) -> trace.bind(ps, lineRow(batch.invoiceId(), line).bind(ps)));
        return (batch.header() == null ? 0 : 1) + source.actuals().size();
    }

    /** The lines first: they point at their proposal. */
    @Override
    public int erase(UUID invoiceId) {
        return jdbc.update("DELETE FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?", invoiceId)
                + jdbc.update("DELETE FROM finance_invoice_proposal WHERE invoice_proposal_id = ?", invoiceId);
    }
}
