package io.invoicesync.query.syncstate;

import static io.invoicesync.query.syncstate.Columns.instant;
import static io.invoicesync.query.syncstate.Columns.uuid;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The sync's errors as {@link SyncProgressTables} records them: one by one, and grouped by the cause they share. */
@Component
public class SyncErrorReader {

    private final JdbcTemplate jdbc;

    public SyncErrorReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code rule} and {@code subject}: the business rule broken and what it is about, null for a system failure. */
    public record SyncError(long errorId, UUID invoiceId, UUID runId, String tableMap, int batchNumber,
                            String recordId, ErrorCategory category, String cause, ErrorStatus status,
                            Instant failedAt, Instant resolvedAt, String rule, String subject,
                            BusinessContext context) {
    }

    /** Which errors: of a job, and optionally of one invoice, in one state, of one category, at one map. */
    public record ErrorFilter(UUID jobId, UUID invoiceId, ErrorStatus status, ErrorCategory category,
                              String tableMap) {
    }

    public Page<SyncError> errors(ErrorFilter filter, Paging paging) {
        String status = filter.status() == null ? null : filter.status().name();
        String category = filter.category() == null ? null : filter.category().name();
        String where = " WHERE job_id = ? AND (?::uuid IS NULL OR invoice_id = ?) AND (?::text IS NULL OR status = ?)"
                + " AND (?::text IS NULL OR category = ?) AND (?::text IS NULL OR table_map = ?)";
        Object[] arguments = {filter.jobId(), filter.invoiceId(), filter.invoiceId(), status, status, category,
                category, filter.tableMap(), filter.tableMap()};
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_error" + where, Long.class, arguments);
        List<SyncError> content = jdbc.query("SELECT error_id, invoice_id, run_id, table_map, batch_number, record_id, "
                        + "category, cause, status, failed_at, resolved_at, rule, subject, customer_id, "
                        + "project_contract_id, total_amount, currency, invoice_date FROM sync_error"
                        + " LEFT JOIN (SELECT invoice_id AS invoice, customer_id, project_contract_id, total_amount, "
                        + "currency, invoice_date FROM sync_invoice) i ON i.invoice = sync_error.invoice_id" + where
                        + " ORDER BY error_id LIMIT ? OFFSET ?",
                (rs, n) -> new SyncError(rs.getLong("error_id"), uuid(rs, "invoice_id"), uuid(rs, "run_id"),
                        rs.getString("table_map"), rs.getInt("batch_number"), rs.getString("record_id"),
                        ErrorCategory.valueOf(rs.getString("category")), rs.getString("cause"),
                        ErrorStatus.valueOf(rs.getString("status")), instant(rs, "failed_at"),
                        instant(rs, "resolved_at"), rs.getString("rule"), rs.getString("subject"),
                        BusinessContext.of(rs)),
                Stream.concat(Arrays.stream(arguments), Stream.of(paging.size(), paging.offset())).toArray());
        return paging.of(content, total);
    }

    /**
     * Errors one cause made, together: the same category, map, rule and subject (a customer on hold: all its
     * invoices), or for a failure no rule names the same cause word for word.
     */
    public record ErrorGroup(ErrorCategory category, String tableMap, String rule, String subject, String cause,
                             long errors, long invoices, Instant firstFailedAt, Instant lastFailedAt,
                             List<UUID> invoiceIds) {
    }

    /** A job's errors in one state by cause, the causes that hold up the most invoices first. */
    public List<ErrorGroup> errorGroups(UUID jobId, ErrorStatus status, int limit) {
        return jdbc.query("""
                SELECT category, table_map, rule, subject, min(cause) AS cause, count(*) AS errors,
                       count(DISTINCT invoice_id) AS invoices, min(failed_at) AS first_failed_at,
                       max(failed_at) AS last_failed_at, array_agg(DISTINCT invoice_id) AS invoice_ids
                FROM sync_error
                WHERE job_id = ? AND status = ?
                GROUP BY category, table_map, rule, subject, CASE WHEN rule IS NULL THEN cause END
                ORDER BY count(DISTINCT invoice_id) DESC, max(failed_at) DESC
                LIMIT ?""",
                (rs, n) -> new ErrorGroup(ErrorCategory.valueOf(rs.getString("category")), rs.getString("table_map"),
                        rs.getString("rule"), rs.getString("subject"), rs.getString("cause"), rs.getLong("errors"),
                        rs.getLong("invoices"), instant(rs, "first_failed_at"), instant(rs, "last_failed_at"),
                        Arrays.stream((Object[]) rs.getArray("invoice_ids").getArray()).map(UUID.class::cast).toList()),
                jobId, status.name(), limit);
    }
}
