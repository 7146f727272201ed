package io.invoicesync.query.reconciliation;

import io.invoicesync.platform.web.NotFound;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reconciliation on demand: every synced invoice of a job, one invoice, or those synced since a moment (any
 * combination narrows), checked again now, one transaction each, so a long range keeps no transaction open.
 */
@Component
public class ReconciliationRuns {

    /** How many mismatches an answer lists in full; the counts cover them all. */
    static final int MISMATCHES_LISTED = 100;

    private final JdbcTemplate jdbc;
    private final Reconciler reconciler;

    ReconciliationRuns(JdbcTemplate jdbc, Reconciler reconciler) {
        this.jdbc = jdbc;
        this.reconciler = reconciler;
    }

    /** Which synced invoices to check: null means no restriction. */
    public record Selection(UUID jobId, UUID invoiceId, Instant since, Instant until) {
    }

    /** Told after each invoice checked. */
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> {
        };
    }

    public record Summary(long checked, long reconciled, long mismatched, List<Reconciliation> mismatches,
                          double seconds) {

        public boolean agreed() {
            return mismatched == 0;
        }
    }

    private record Synced(UUID invoiceId, UUID jobId, Instant syncedAt) {
    }

    public Summary run(Selection selection, Progress progress) {
        requireKnown(selection);
        long started = System.nanoTime();
        List<Synced> invoices = jdbc.query("""
                SELECT invoice_id, job_id, finished_at FROM sync_invoice
                WHERE status = 'SYNCED' AND (?::uuid IS NULL OR job_id = ?) AND (?::uuid IS NULL OR invoice_id = ?)
                  AND (?::timestamptz IS NULL OR finished_at >= ?) AND (?::timestamptz IS NULL OR finished_at < ?)
                ORDER BY finished_at, invoice_id""",
                (rs, n) -> new Synced(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                selection.jobId(), selection.jobId(), selection.invoiceId(), selection.invoiceId(),
                ts(selection.since()), ts(selection.since()), ts(selection.until()), ts(selection.until()));
        long reconciled = 0;
        List<Reconciliation> mismatches = new ArrayList<>();
        long mismatched = 0;
        long done = 0;
        progress.update(0, invoices.size());
        for (Synced invoice : invoices) {
            Reconciliation outcome = reconciler.reconcile(invoice.invoiceId(), invoice.jobId(), invoice.syncedAt());
            if (outcome.agreed()) {
                reconciled++;
            } else {
                mismatched++;
                if (mismatches.size() < MISMATCHES_LISTED) {
                    mismatches.add(outcome);
                }
            }
            progress.update(++done, invoices.size());
        }
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
        return new Summary(done, reconciled, mismatched, mismatches, seconds);
    }

    private void requireKnown(Selection selection) {
        if (selection.jobId() != null && jdbc.queryForObject("SELECT count(*) FROM sync_job WHERE job_id = ?",
                Long.class, selection.jobId()) == 0) {
            throw new NotFound("No integration job " + selection.jobId());
        }
        if (selection.invoiceId() != null) {
            List<String> status = jdbc.queryForList("SELECT status FROM sync_invoice WHERE invoice_id = ?",
                    String.class, selection.invoiceId());
            if (status.isEmpty()) {
                throw new NotFound("No confirmed invoice " + selection.invoiceId());
            }
            new InvoiceIsSynced(selection.invoiceId(), status.get(0)).verify();
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
