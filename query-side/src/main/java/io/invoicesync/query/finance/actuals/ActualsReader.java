package io.invoicesync.query.finance.actuals;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** msdyn_actuals as Finance readers see them: read by column name, a page at a time. */
@Component
class ActualsReader {

    record Actual(UUID actualId, UUID invoiceProposalId, UUID invoiceLineId, UUID unbilledTransactionId,
                  String transactionType, String transactionClass, int transactionClassCode, String billingStatus,
                  String projectId, String contractLineId, BigDecimal quantity, BigDecimal unitPrice,
                  BigDecimal amount, String currency, LocalDate documentDate, UUID runId, int batchNumber) {
    }

    private final JdbcTemplate jdbc;

    ActualsReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Page<Actual> ofInvoice(UUID invoiceProposalId, Paging paging) {
        long total = jdbc.queryForObject("SELECT count(*) FROM finance_actual WHERE invoice_proposal_id = ?",
                Long.class, invoiceProposalId);
        List<Actual> content = jdbc.query("""
                SELECT actual_id, invoice_proposal_id, invoice_line_id, unbilled_transaction_id, transaction_type,
                       transaction_class, transaction_class_code, billing_status, project_id, contract_line_id,
                       quantity, unit_price, amount, currency, document_date, run_id, batch_number
                FROM finance_actual WHERE invoice_proposal_id = ? ORDER BY actual_id LIMIT ? OFFSET ?""",
                (rs, n) -> new Actual(rs.getObject("actual_id", UUID.class),
                        rs.getObject("invoice_proposal_id", UUID.class), rs.getObject("invoice_line_id", UUID.class),
                        rs.getObject("unbilled_transaction_id", UUID.class), rs.getString("transaction_type"),
                        rs.getString("transaction_class"), rs.getInt("transaction_class_code"),
                        rs.getString("billing_status"), rs.getString("project_id"), rs.getString("contract_line_id"),
                        rs.getBigDecimal("quantity"), rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount"),
                        rs.getString("currency"), rs.getDate("document_date").toLocalDate(),
                        rs.getObject("run_id", UUID.class), rs.getInt("batch_number")),
                invoiceProposalId, paging.size(), paging.offset());
        return paging.of(content, total);
    }
}
