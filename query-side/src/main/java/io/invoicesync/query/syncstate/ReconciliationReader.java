package io.invoicesync.query.syncstate;

import static io.invoicesync.query.syncstate.Columns.instant;
import static io.invoicesync.query.syncstate.Columns.ts;
import static io.invoicesync.query.syncstate.Columns.uuid;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The reconciliation's recorded checks, per invoice and as a filtered list. */
@Component
public class ReconciliationReader {

    private final JdbcTemplate jdbc;

    public ReconciliationReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record InvoiceReconciliation(ReconciliationStatus status, List<Difference> differences,
                                        Instant checkedAt) {
    }


    public Optional<InvoiceReconciliation> reconciliationOf(UUID invoiceId) {
        return jdbc.query("SELECT status, differences, checked_at FROM sync_reconciliation WHERE invoice_id = ?",
                (rs, n) -> new InvoiceReconciliation(ReconciliationStatus.valueOf(rs.getString("status")),
                        decode(rs.getString("differences")), instant(rs, "checked_at")), invoiceId).stream().findFirst();
    }

    public record RecordedReconciliation(UUID invoiceId, UUID jobId, ReconciliationStatus status,
                                         List<Difference> differences, Instant syncedAt, Instant checkedAt) {
    }

    /** Recorded checks, most recently checked first; each filter optional, days as the instants that start them. */
    public Page<RecordedReconciliation> reconciliations(UUID jobId, UUID invoiceId, ReconciliationStatus status,
                                                        Instant syncedFrom, Instant syncedBefore, Paging paging) {
        String state = status == null ? null : status.name();
        String where = " WHERE (?::uuid IS NULL OR job_id = ?) AND (?::uuid IS NULL OR invoice_id = ?)"
                + " AND (?::text IS NULL OR status = ?) AND (?::timestamptz IS NULL OR synced_at >= ?)"
                + " AND (?::timestamptz IS NULL OR synced_at < ?)";
        Object[] filters = {jobId, jobId, invoiceId, invoiceId, state, state, ts(syncedFrom), ts(syncedFrom),
                ts(syncedBefore), ts(syncedBefore)};
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_reconciliation" + where, Long.class, filters);
        List<RecordedReconciliation> recorded = jdbc.query("SELECT invoice_id, job_id, status, differences, "
                        + "synced_at, checked_at FROM sync_reconciliation" + where
                        + " ORDER BY checked_at DESC, invoice_id LIMIT ? OFFSET ?",
                (rs, n) -> new RecordedReconciliation(uuid(rs, "invoice_id"), uuid(rs, "job_id"),
                        ReconciliationStatus.valueOf(rs.getString("status")), decode(rs.getString("differences")),
                        instant(rs, "synced_at"), instant(rs, "checked_at")),
                Stream.concat(Arrays.stream(filters), Stream.of(paging.size(), paging.offset())).toArray());
        return paging.of(recorded, total);
    }

    /** The differences as {@link SyncProgressTables} stores them, one a line. */
    static List<Difference> decode(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).map(line -> line.split("\t", 4))
                .map(f -> new Difference(f[0], f[1], f[2], f[3])).toList();
    }
}
