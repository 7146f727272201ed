package io.invoicesync.query.reconciliation;

import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What Finance holds for one invoice, per table map: the proposal header, its lines, the actuals and the connections,
 * counted and summed in the database; and the connections whose ends (the billed actual, the invoice line) are not
 * this invoice's.
 */
record FinanceTotals(boolean header, long headerLineCount, BigDecimal headerTotal,
                     long lines, BigDecimal lineAmount, BigDecimal lineQuantity,
                     long actuals, BigDecimal actualAmount, BigDecimal actualQuantity,
                     long connections, long connectionsWithoutTheirEnds) {

    static FinanceTotals read(JdbcTemplate jdbc, UUID invoiceId) {
        return jdbc.queryForObject("""
                SELECT p.invoice_proposal_id IS NOT NULL, p.line_count, p.total_amount,
                       l.n, l.amount, l.quantity, a.n, a.amount, a.quantity, c.n, c.loose
                FROM (SELECT ?::uuid AS id) i
                LEFT JOIN finance_invoice_proposal p ON p.invoice_proposal_id = i.id
                CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount,
                        coalesce(sum(quantity), 0) AS quantity
                    FROM finance_invoice_proposal_line WHERE invoice_proposal_id = i.id) l
                CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount,
                        coalesce(sum(quantity), 0) AS quantity
                    FROM finance_actual WHERE invoice_proposal_id = i.id) a
                CROSS JOIN LATERAL (SELECT count(*) AS n, count(*) FILTER (WHERE
                        NOT EXISTS (SELECT 1 FROM finance_actual fa WHERE fa.actual_id = t.billed_actual_id
                                    AND fa.invoice_proposal_id = i.id)
                        OR (t.invoice_line_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM finance_invoice_proposal_line fl
                                    WHERE fl.line_id = t.invoice_line_id AND fl.invoice_proposal_id = i.id))) AS loose
                    FROM finance_transaction_connection t WHERE t.invoice_proposal_id = i.id) c""",
                (rs, n) -> new FinanceTotals(rs.getBoolean(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), rs.getLong(10), rs.getLong(11)), invoiceId);
    }
}
