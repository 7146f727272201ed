package io.invoicesync.query.finance.actuals;

import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.Paging;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ActualsController {

    private final JdbcTemplate jdbc;

    ActualsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Actual(UUID actualId, UUID invoiceProposalId, UUID invoiceLineId, UUID unbilledTransactionId,
                  String transactionType, String transactionClass, int transactionClassCode, String billingStatus,
                  String projectId, String contractLineId, BigDecimal quantity, BigDecimal unitPrice,
                  BigDecimal amount, String currency, LocalDate documentDate, UUID runId, int batchNumber) {
    }

    /** msdyn_actuals of one invoice proposal, paged. */
    @GetMapping("/api/finance/actuals")
    Page<Actual> list(@RequestParam UUID invoiceProposalId,
                      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        long total = jdbc.queryForObject("SELECT count(*) FROM finance_actual WHERE invoice_proposal_id = ?",
                Long.class, invoiceProposalId);
        List<Actual> content = jdbc.query("""
                SELECT actual_id, invoice_proposal_id, invoice_line_id, unbilled_transaction_id, transaction_type,
                       transaction_class, transaction_class_code, billing_status, project_id, contract_line_id,
                       quantity, unit_price, amount, currency, document_date, run_id, batch_number
                FROM finance_actual WHERE invoice_proposal_id = ? ORDER BY actual_id LIMIT ? OFFSET ?""",
                (rs, n) -> new Actual(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                        rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getBigDecimal(11),
                        rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getString(14), rs.getDate(15).toLocalDate(),
                        rs.getObject(16, UUID.class), rs.getInt(17)),
                invoiceProposalId, paging.size(), paging.offset());
        return paging.of(content, total);
    }
}
