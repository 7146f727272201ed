package io.invoicesync.query.finance.invoiceproposal;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.input.PlainText;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/finance/invoice-proposals")
class InvoiceProposalController {

    private static final String HEADER_COLUMNS = """
            invoice_proposal_id, project_contract_id, customer_id, sales_currency, invoice_date, invoice_header_text,
            line_count, total_amount, sync_mode, job_id, run_id, applied_at""";

    /** How many of a proposal's lines Finance holds now (fewer than lineCount while its sync is under way). */
    private static final String LINES_IN_FINANCE = "(SELECT count(*) FROM finance_invoice_proposal_line l "
            + "WHERE l.invoice_proposal_id = p.invoice_proposal_id) AS lines_in_finance";

    private final JdbcTemplate jdbc;

    InvoiceProposalController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Proposal(UUID invoiceProposalId, String projectContractId, String customerId, String salesCurrency,
                    LocalDate invoiceDate, String invoiceHeaderText, int lineCount, BigDecimal totalAmount,
                    long linesInFinance, String syncMode, UUID jobId, UUID runId, Instant appliedAt) {
    }

    record Line(UUID lineId, String transactionClass, String projectId, String contractLineId, BigDecimal quantity,
                BigDecimal unitPrice, BigDecimal amount, LocalDate transactionDate, UUID runId, int batchNumber) {
    }

    record Batch(String tableMap, int batchNumber, UUID jobId, UUID runId, int rowCount, String sourceEventId,
                 String appliedEventId, Instant appliedAt) {
    }

    record RowTrace(String table, String tableMap, String rowId, UUID jobId, UUID runId, int batchNumber,
                    String sourceEventId, String appliedEventId, Instant appliedAt) {
    }

    record Trace(UUID invoiceProposalId, String syncMode, List<Batch> batches, RowTrace row) {
    }

    /** Proposals, newest first, filterable by project contract and customer. */
    @GetMapping
    Page<Proposal> list(@RequestParam(required = false) @Size(max = 100) @PlainText String projectContractId,
                        @RequestParam(required = false) @Size(max = 100) @PlainText String customerId,
                        @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        String where = " WHERE (?::text IS NULL OR project_contract_id = ?) AND (?::text IS NULL OR customer_id = ?)";
        long total = jdbc.queryForObject("SELECT count(*) FROM finance_invoice_proposal" + where, Long.class,
                projectContractId, projectContractId, customerId, customerId);
        List<Proposal> content = jdbc.query("SELECT " + HEADER_COLUMNS + ", " + LINES_IN_FINANCE
                        + " FROM finance_invoice_proposal p" + where
                        + " ORDER BY applied_at DESC, invoice_proposal_id LIMIT ? OFFSET ?", this::proposal,
                projectContractId, projectContractId, customerId, customerId, paging.size(), paging.offset());
        return paging.of(content, total);
    }

    /** One proposal: header, totals, and how many of its lines Finance holds now. */
    @GetMapping("/{invoiceProposalId}")
    Proposal one(@PathVariable UUID invoiceProposalId) {
        return jdbc.query("SELECT " + HEADER_COLUMNS + ", " + LINES_IN_FINANCE
                        + " FROM finance_invoice_proposal p WHERE invoice_proposal_id = ?", this::proposal,
                invoiceProposalId).stream().findFirst().orElseThrow(() -> notFound(invoiceProposalId));
    }

    @GetMapping("/{invoiceProposalId}/lines")
    Page<Line> lines(@PathVariable UUID invoiceProposalId, @RequestParam(required = false) Integer page,
                     @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        one(invoiceProposalId);
        long total = jdbc.queryForObject("SELECT count(*) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?",
                Long.class, invoiceProposalId);
        List<Line> content = jdbc.query("""
                SELECT line_id, transaction_class, project_id, contract_line_id, quantity, unit_price, amount,
                       transaction_date, run_id, batch_number
                FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ? ORDER BY line_id LIMIT ? OFFSET ?""",
                (rs, n) -> new Line(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getDate(8).toLocalDate(),
                        rs.getObject(9, UUID.class), rs.getInt(10)),
                invoiceProposalId, paging.size(), paging.offset());
        return paging.of(content, total);
    }

    /**
     * G5: every batch that brought this invoice's rows to Finance (map, run, the applying event, the proforma event
     * it came from); with {@code rowId}, one row of any of the four tables and only the batch that brought it.
     */
    @GetMapping("/{invoiceProposalId}/trace")
    Trace trace(@PathVariable UUID invoiceProposalId, @RequestParam(required = false) UUID rowId) {
        Proposal proposal = one(invoiceProposalId);
        RowTrace row = rowId == null ? null : rowTrace(invoiceProposalId, rowId);
        List<Batch> batches = jdbc.query("""
                SELECT table_map, batch_number, job_id, run_id, row_count, source_event_id, applied_event_id, applied_at
                FROM sync_batch WHERE invoice_id = ? AND (?::text IS NULL OR (table_map = ? AND batch_number = ?))
                ORDER BY applied_at, CASE table_map WHEN 'invoices' THEN 1 WHEN 'msdyn_actuals' THEN 2 ELSE 3 END,
                         batch_number""",
                (rs, n) -> new Batch(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getInt(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()), invoiceProposalId, row == null ? null : row.tableMap(),
                row == null ? null : row.tableMap(), row == null ? 0 : row.batchNumber());
        return new Trace(invoiceProposalId, proposal.syncMode(), batches, row);
    }

    private RowTrace rowTrace(UUID invoiceProposalId, UUID rowId) {
        List<RowTrace> found = new ArrayList<>();
        for (String[] table : new String[][]{
                {"finance_invoice_proposal", "invoice_proposal_id", TableMap.INVOICES.tableName()},
                {"finance_invoice_proposal_line", "line_id", TableMap.INVOICES.tableName()},
                {"finance_actual", "actual_id", TableMap.ACTUALS.tableName()},
                {"finance_transaction_connection", "connection_id",
                        TableMap.TRANSACTION_CONNECTIONS.tableName()}}) {
            found.addAll(jdbc.query("SELECT job_id, run_id, batch_number, source_event_id, applied_event_id, applied_at "
                            + "FROM " + table[0] + " WHERE " + table[1] + " = ? AND invoice_proposal_id = ?",
                    (rs, n) -> new RowTrace(table[0], table[2], rowId.toString(), rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()), rowId, invoiceProposalId));
        }
        return found.stream().findFirst().orElseThrow(() -> notFound(rowId));
    }

    private Proposal proposal(ResultSet rs, int n) throws SQLException {
        return new Proposal(rs.getObject("invoice_proposal_id", UUID.class), rs.getString("project_contract_id"),
                rs.getString("customer_id"), rs.getString("sales_currency"), rs.getDate("invoice_date").toLocalDate(),
                rs.getString("invoice_header_text"), rs.getInt("line_count"), rs.getBigDecimal("total_amount"),
                rs.getLong("lines_in_finance"), rs.getString("sync_mode"), rs.getObject("job_id", UUID.class),
                rs.getObject("run_id", UUID.class), rs.getTimestamp("applied_at").toInstant());
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("Finance holds no invoice proposal or row " + id);
    }
}
