package io.invoicesync.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** What Finance must hold for a synced invoice of n lines, and the invariants that must hold at every moment. */
public final class FinanceChecks {

    private final JdbcTemplate jdbc;

    public FinanceChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String status(UUID invoiceId) {
        return jdbc.query("SELECT status FROM sync_invoice WHERE invoice_id = ?", (rs, n) -> rs.getString(1), invoiceId)
                .stream().findFirst().orElse("UNKNOWN");
    }

    public long count(String table, UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE invoice_proposal_id = ?", Long.class,
                invoiceId);
    }

    /** Every Finance row of the invoice: its proposal, the proposal's lines, its actuals and its connections. */
    public long rows(UUID invoiceId) {
        return count("finance_invoice_proposal", invoiceId) + count("finance_invoice_proposal_line", invoiceId)
                + count("finance_actual", invoiceId) + count("finance_transaction_connection", invoiceId);
    }

    public long batches(UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM sync_batch WHERE invoice_id = ?", Long.class, invoiceId);
    }

    /**
     * {@link #assertSynced} and more: each sync event is in the store once. A saga step repeated after a crash would
     * publish its batch again, and a small invoice written twice its InvoiceSynced; the projections would absorb it, the
     * store would show it. A small invoice (at most 1,000 lines) is written whole with its InvoiceSynced: no batch event.
     */
    public void assertSyncedExactlyOnce(UUID invoiceId, int lines) {
        assertSynced(invoiceId, lines);
        boolean whole = lines <= 1_000;
        assertThat(publishedBatches(invoiceId)).as("batches published once each")
                .isEqualTo(whole ? 0 : 3L * ((lines + 999) / 1_000));
        assertThat(published(invoiceId, "InvoiceSynced")).as("synced once").isEqualTo(1);
    }

    /** Events of this type (its simple name) in the store for the invoice. */
    public long published(UUID invoiceId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ? "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%." + type,
                "%\"invoiceId\":\"" + invoiceId + "\"%");
    }

    /** TableMapBatchApplied events in the store for the invoice: a batch published twice would count twice. */
    public long publishedBatches(UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%TableMapBatchApplied' "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%\"invoiceId\":\"" + invoiceId + "\"%");
    }

    /** Exactly the rows of a synced invoice of {@code lines} backlog lines: none lost, none doubled, totals right. */
    public void assertSynced(UUID invoiceId, int lines) {
        assertThat(count("finance_invoice_proposal", invoiceId)).as("proposal header").isEqualTo(1);
        assertThat(count("finance_invoice_proposal_line", invoiceId)).as("proposal lines").isEqualTo(lines);
        assertThat(count("finance_actual", invoiceId)).as("actuals").isEqualTo(lines);
        assertThat(count("finance_transaction_connection", invoiceId)).as("connections").isEqualTo(2L * lines);
        BigDecimal expectedTotal = Proformas.LINE_AMOUNT.multiply(BigDecimal.valueOf(lines));
        assertThat(jdbc.queryForObject("SELECT total_amount FROM finance_invoice_proposal WHERE invoice_proposal_id = ?",
                BigDecimal.class, invoiceId)).isEqualByComparingTo(expectedTotal);
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM finance_actual WHERE invoice_proposal_id = ?",
                BigDecimal.class, invoiceId)).isEqualByComparingTo(expectedTotal);
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?",
                BigDecimal.class, invoiceId)).isEqualByComparingTo(expectedTotal);
        int chunks = (lines + 999) / 1_000;
        assertThat(batches(invoiceId)).as("one batch per chunk per map, each once").isEqualTo(3L * chunks);
        // The progress a job shows counts exactly the rows Finance holds, map by map.
        assertThat(progressRows(invoiceId, "invoices")).as("invoices progress")
                .isEqualTo(count("finance_invoice_proposal", invoiceId) + count("finance_invoice_proposal_line", invoiceId));
        assertThat(progressRows(invoiceId, "msdyn_actuals")).as("actuals progress")
                .isEqualTo(count("finance_actual", invoiceId));
        assertThat(progressRows(invoiceId, "msdyn_transactionconnections")).as("connections progress")
                .isEqualTo(count("finance_transaction_connection", invoiceId));
        assertThat(status(invoiceId)).isEqualTo("SYNCED");
    }

    private long progressRows(UUID invoiceId, String tableMap) {
        return jdbc.queryForObject("SELECT coalesce(sum(row_count), 0) FROM sync_batch WHERE invoice_id = ? "
                + "AND table_map = ?", Long.class, invoiceId, tableMap);
    }

    /** G1 as a reader sees it: rows whose parent or end is missing. Zero at every moment. */
    public long orphans() {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM finance_invoice_proposal_line l
                        WHERE NOT EXISTS (SELECT 1 FROM finance_invoice_proposal p
                                          WHERE p.invoice_proposal_id = l.invoice_proposal_id))
                     + (SELECT count(*) FROM finance_actual a
                        WHERE NOT EXISTS (SELECT 1 FROM finance_invoice_proposal p
                                          WHERE p.invoice_proposal_id = a.invoice_proposal_id)
                           OR NOT EXISTS (SELECT 1 FROM finance_invoice_proposal_line l WHERE l.line_id = a.invoice_line_id))
                     + (SELECT count(*) FROM finance_transaction_connection c
                        WHERE NOT EXISTS (SELECT 1 FROM finance_actual a WHERE a.actual_id = c.billed_actual_id)
                           OR (c.invoice_line_id IS NOT NULL AND NOT EXISTS
                               (SELECT 1 FROM finance_invoice_proposal_line l WHERE l.line_id = c.invoice_line_id)))""",
                Long.class);
    }

    /**
     * The job's map sequence as a reader sees it: actuals of an invoice whose proposal lines are not all there yet,
     * or connections of an invoice whose actuals are not all there yet. Zero at every moment.
     */
    public long outOfSequence() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM finance_invoice_proposal p
                WHERE (EXISTS (SELECT 1 FROM finance_actual a WHERE a.invoice_proposal_id = p.invoice_proposal_id)
                       AND (SELECT count(*) FROM finance_invoice_proposal_line l
                            WHERE l.invoice_proposal_id = p.invoice_proposal_id) < p.line_count)
                   OR (EXISTS (SELECT 1 FROM finance_transaction_connection c
                               WHERE c.invoice_proposal_id = p.invoice_proposal_id)
                       AND (SELECT count(*) FROM finance_actual a
                            WHERE a.invoice_proposal_id = p.invoice_proposal_id) < p.line_count)""", Long.class);
    }
}
