package io.invoicesync.query.finance.invoiceproposal;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Invoice proposals as Finance readers see them: headers, lines and one row's trace, read by column name. */
@Component
class InvoiceProposalReader {

    private static final String HEADER_COLUMNS = """
            invoice_proposal_id, project_contract_id, customer_id, sales_currency, invoice_date, invoice_header_text,
            line_count, total_amount, sync_mode, job_id, run_id, applied_at""";

    /** How many of a proposal's lines Finance holds now (fewer than lineCount while its sync is under way). */
    private static final String LINES_IN_FINANCE = "(SELECT count(*) FROM finance_invoice_proposal_line l "
            + "WHERE l.invoice_proposal_id = p.invoice_proposal_id) AS lines_in_finance";

    record Proposal(UUID invoiceProposalId, String projectContractId, String customerId, String salesCurrency,
                    LocalDate invoiceDate, String invoiceHeaderText, int lineCount, BigDecimal totalAmount,
                    long linesInFinance, String syncMode, UUID jobId, UUID runId, Instant appliedAt) {
    }

    record Line(UUID lineId, String transactionClass, String projectId, String contractLineId, BigDecimal quantity,
                BigDecimal unitPrice, BigDecimal amount, LocalDate transactionDate, UUID runId, int batchNumber) {
    }

    record RowTrace(String table, String tableMap, String rowId, UUID jobId, UUID runId, int batchNumber,
                    String sourceEventId, String appliedEventId, Instant appliedAt) {
    }

    private final JdbcTemplate jdbc;

    InvoiceProposalReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Proposals, newest first; a null filter does not filter. */
    Page<Proposal> proposals(String projectContractId, String customerId, Paging paging) {
        String where = " WHERE (?::text IS NULL OR project_contract_id = ?) AND (?::text IS NULL OR customer_id = ?)";
        long total = jdbc.queryForObject("SELECT count(*) FROM finance_invoice_proposal" + where, Long.class,
                projectContractId, projectContractId, customerId, customerId);
        List<Proposal> content = jdbc.query("SELECT " + HEADER_COLUMNS + ", " + LINES_IN_FINANCE
                        + " FROM finance_invoice_proposal p" + where
                        + " ORDER BY applied_at DESC, invoice_proposal_id LIMIT ? OFFSET ?", this::row,
                projectContractId, projectContractId, customerId, customerId, paging.size(), paging.offset());
        return paging.of(content, total);
    }

    Optional<Proposal> proposal(UUID invoiceProposalId) {
        return jdbc.query("SELECT " + HEADER_COLUMNS + ", " + LINES_IN_FINANCE
                        + " FROM finance_invoice_proposal p WHERE invoice_proposal_id = ?", this::row,
                invoiceProposalId).stream().findFirst();
    }

    Page<Line> lines(UUID invoiceProposalId, Paging paging) {
        long total = jdbc.queryForObject("SELECT count(*) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?",
                Long.class, invoiceProposalId);
        List<Line> content = jdbc.query("""
                SELECT line_id, transaction_class, project_id, contract_line_id, quantity, unit_price, amount,
                       transaction_date, run_id, batch_number
                FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ? ORDER BY line_id LIMIT ? OFFSET ?""",
                (rs, n) -> new Line(rs.getObject("line_id", UUID.class), rs.getString("transaction_class"),
                        rs.getString("project_id"), rs.getString("contract_line_id"), rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount"),
                        rs.getDate("transaction_date").toLocalDate(), rs.getObject("run_id", UUID.class),
                        rs.getInt("batch_number")),
                invoiceProposalId, paging.size(), paging.offset());
        return paging.of(content, total);
    }

    /** One row of any of the four tables, with the batch and events that brought it; none if it is not this invoice's. */
    Optional<RowTrace> rowTrace(UUID invoiceProposalId, UUID rowId) {
        List<RowTrace> found = new ArrayList<>();
        for (String[] table : new String[][]{
                {"finance_invoice_proposal", "invoice_proposal_id", TableMap.INVOICES.tableName()},
                {"finance_invoice_proposal_line", "line_id", TableMap.INVOICES.tableName()},
                {"finance_actual", "actual_id", TableMap.ACTUALS.tableName()},
                {"finance_transaction_connection", "connection_id",
                        TableMap.TRANSACTION_CONNECTIONS.tableName()}}) {
            found.addAll(jdbc.query("SELECT job_id, run_id, batch_number, source_event_id, applied_event_id, applied_at "
                            + "FROM " + table[0] + " WHERE " + table[1] + " = ? AND invoice_proposal_id = ?",
                    (rs, n) -> new RowTrace(table[0], table[2], rowId.toString(), rs.getObject("job_id", UUID.class),
                            rs.getObject("run_id", UUID.class), rs.getInt("batch_number"),
                            rs.getString("source_event_id"), rs.getString("applied_event_id"),
                            rs.getTimestamp("applied_at").toInstant()), rowId, invoiceProposalId));
        }
        return found.stream().findFirst();
    }

    private Proposal row(ResultSet rs, int n) throws SQLException {
        return new Proposal(rs.getObject("invoice_proposal_id", UUID.class), rs.getString("project_contract_id"),
                rs.getString("customer_id"), rs.getString("sales_currency"), rs.getDate("invoice_date").toLocalDate(),
                rs.getString("invoice_header_text"), rs.getInt("line_count"), rs.getBigDecimal("total_amount"),
                rs.getLong("lines_in_finance"), rs.getString("sync_mode"), rs.getObject("job_id", UUID.class),
                rs.getObject("run_id", UUID.class), rs.getTimestamp("applied_at").toInstant());
    }
}
