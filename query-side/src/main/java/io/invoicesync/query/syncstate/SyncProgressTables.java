package io.invoicesync.query.syncstate;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.sync.JobCatchUpEstimated;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The only writer of the sync's progress: {@code sync_job}, {@code sync_invoice}, {@code sync_batch},
 * {@code sync_error}, {@code sync_activity}, {@code sync_reconciliation} and its queue. Every transition is a named
 * method, and every state it writes is an enum of this package; {@link SyncProgressReader} is the only reader. The
 * callers (the Finance group's projections, the reconciliation) run it in their own transaction.
 */
@Component
public class SyncProgressTables {

    /** A retry or dismissal lists at most this many invoice ids in the activity; the count says how many. */
    public static final int LISTED_INVOICES = 100;
    private static final int CAUSE_LENGTH = 2_000;

    private final JdbcTemplate jdbc;

    public SyncProgressTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- jobs --------------------------------------------------------------------------------------------------

    public void jobCreated(UUID jobId, String name, Instant at) {
        jdbc.update("INSERT INTO sync_job (job_id, name, status, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (job_id) DO NOTHING", jobId, name, JobStatus.DRAFT.name(), ts(at));
    }

    public void jobSaved(UUID jobId, List<String> tableMaps) {
        jdbc.update("UPDATE sync_job SET status = ?, table_maps = ? WHERE job_id = ?", JobStatus.SAVED.name(),
                String.join(",", tableMaps), jobId);
    }

    public void jobStarted(UUID jobId, UUID runId, List<String> tableMaps, Instant at) {
        jdbc.update("UPDATE sync_job SET status = ?, run_id = ?, table_maps = ?, started_at = ?, stopped_at = NULL "
                + "WHERE job_id = ?", JobStatus.ACTIVE.name(), runId, String.join(",", tableMaps), ts(at), jobId);
    }

    public void jobStopped(UUID jobId, Instant at) {
        jdbc.update("UPDATE sync_job SET status = ?, stopped_at = ? WHERE job_id = ?", JobStatus.STOPPED.name(),
                ts(at), jobId);
    }

    public void jobPaused(UUID jobId, Instant at) {
        jdbc.update("UPDATE sync_job SET status = ?, paused_at = ? WHERE job_id = ?", JobStatus.PAUSED.name(), ts(at),
                jobId);
    }

    public void jobResumed(UUID jobId, Instant at) {
        jdbc.update("UPDATE sync_job SET status = ?, resumed_at = ? WHERE job_id = ?", JobStatus.ACTIVE.name(), ts(at),
                jobId);
    }

    /**
     * The catch-up of the resume at {@code resumedAt}. It and {@link #caughtUp} may arrive in either order (the
     * coordinator's events are not the job's, so not ordered with them): each keeps what the other wrote for the same
     * resume, and neither goes back to an older resume.
     */
    public void catchUpEstimated(JobCatchUpEstimated e) {
        jdbc.update("""
                UPDATE sync_job SET caught_up_at = CASE WHEN catch_up_resumed_at = ? THEN caught_up_at END,
                    catch_up_resumed_at = ?, catch_up_invoices = ?, catch_up_rows = ?, catch_up_rows_per_second = ?,
                    catch_up_estimated_seconds = ?
                WHERE job_id = ? AND (catch_up_resumed_at IS NULL OR catch_up_resumed_at <= ?)""",
                ts(e.resumedAt()), ts(e.resumedAt()), e.invoices(), e.rows(), e.rowsPerSecond(), e.estimatedSeconds(),
                e.jobId(), ts(e.resumedAt()));
    }

    public void caughtUp(UUID jobId, Instant resumedAt, Instant at) {
        jdbc.update("""
                UPDATE sync_job SET caught_up_at = ?,
                    catch_up_invoices = CASE WHEN catch_up_resumed_at = ? THEN catch_up_invoices END,
                    catch_up_rows = CASE WHEN catch_up_resumed_at = ? THEN catch_up_rows END,
                    catch_up_rows_per_second = CASE WHEN catch_up_resumed_at = ? THEN catch_up_rows_per_second END,
                    catch_up_estimated_seconds = CASE WHEN catch_up_resumed_at = ? THEN catch_up_estimated_seconds END,
                    catch_up_resumed_at = ?
                WHERE job_id = ? AND (catch_up_resumed_at IS NULL OR catch_up_resumed_at <= ?)""",
                ts(at), ts(resumedAt), ts(resumedAt), ts(resumedAt), ts(resumedAt), ts(resumedAt), jobId, ts(resumedAt));
    }

    /** Invoices null: the action is not about invoices; empty: about every failed invoice of the job. */
    public void activity(String eventId, UUID jobId, Instant at, JobAction action, UUID runId, List<UUID> invoices,
                         String user) {
        activity(eventId, jobId, at, action, runId, invoices, user, null);
    }

    /** {@code reason}: why, where the action carries one (a resync). */
    public void activity(String eventId, UUID jobId, Instant at, JobAction action, UUID runId, List<UUID> invoices,
                         String user, String reason) {
        String listed = invoices == null ? null : invoices.stream().limit(LISTED_INVOICES).map(UUID::toString)
                .collect(Collectors.joining(","));
        jdbc.update("""
                INSERT INTO sync_activity (event_id, job_id, occurred_at, action, run_id, invoice_ids, invoice_count,
                    actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", eventId,
                jobId, ts(at), action.name(), runId, listed, invoices == null ? null : invoices.size(), user, reason);
    }

    /** A synced invoice as the resync finds it, its row locked until the resync's transaction ends. */
    public record LockedInvoice(UUID invoiceId, UUID jobId, InvoiceSyncStatus status, Instant finishedAt) {
    }

    /**
     * Locks the invoice's progress row for the caller's transaction: a resync on another node, and the Finance group
     * recording a step of the invoice, wait for it, so that a resync never runs beside its sync or another resync.
     */
    public Optional<LockedInvoice> lockInvoice(UUID invoiceId) {
        return jdbc.query("SELECT job_id, status, finished_at FROM sync_invoice WHERE invoice_id = ? FOR UPDATE",
                (rs, n) -> new LockedInvoice(invoiceId, rs.getObject("job_id", UUID.class),
                        InvoiceSyncStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant()),
                invoiceId).stream().findFirst();
    }

    // ---- invoices ----------------------------------------------------------------------------------------------

    /** Confirmed: waiting for a run (or for real time to take it). */
    public void confirmed(ProformaConfirmed c) {
        jdbc.update("""
                INSERT INTO sync_invoice (invoice_id, status, line_count, actual_count, connection_count, chunks,
                    confirmed_at, updated_at, customer_id, project_contract_id, currency, total_amount, invoice_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id) DO NOTHING""", c.invoiceId(), InvoiceSyncStatus.WAITING.name(),
                c.lineCount(), c.actualCount(), c.connectionCount(), c.chunks(), ts(c.confirmedAt()),
                ts(c.confirmedAt()), shown(c.customerId(), 100), shown(c.projectContractId(), 100),
                shown(c.currency(), 10), c.totalAmount(), c.invoiceDate() == null ? null : Date.valueOf(c.invoiceDate()));
    }

    /**
     * A text the progress row keeps for display only, as PostgreSQL can store it: control characters (a NUL, which it
     * refuses in any text) shown as {@code ?}, cut to the column. A value the sync itself cannot take fails where the
     * sync uses it (and is set aside there), never the progress row that reports that failure.
     */
    static String shown(String text, int max) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cc}", "?");
        return printable.length() > max ? printable.substring(0, max) : printable;
    }

    public void started(UUID invoiceId, String mode, UUID jobId, UUID runId, String firstMap, Instant at) {
        jdbc.update("""
                UPDATE sync_invoice SET status = ?, mode = ?, job_id = ?, run_id = ?, current_map = ?,
                    started_at = ?, updated_at = ? WHERE invoice_id = ?""", InvoiceSyncStatus.IN_PROGRESS.name(),
                mode, jobId, runId, firstMap, ts(at), ts(at), invoiceId);
    }

    /** A batch Finance has just written, with the rows it held, in the transaction that wrote them. */
    public void batchApplied(TableMapBatchApplied batch, String eventId, int rows) {
        jdbc.update("""
                INSERT INTO sync_batch (invoice_id, table_map, batch_number, job_id, run_id, row_count,
                    source_event_id, applied_event_id, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id, table_map, batch_number) DO NOTHING""", batch.invoiceId(),
                batch.tableMap(), batch.batchNumber(), batch.jobId(), batch.runId(), rows,
                batch.sourceEventId(), eventId, ts(batch.appliedAt()));
        jdbc.update("UPDATE sync_invoice SET current_map = ?, updated_at = ? WHERE invoice_id = ?",
                batch.tableMap(), ts(batch.appliedAt()), batch.invoiceId());
    }

    public void failed(SyncRecordFailed failure, String eventId) {
        jdbc.update("""
                INSERT INTO sync_error (event_id, invoice_id, job_id, run_id, table_map, batch_number, record_id,
                    category, cause, status, failed_at, rule, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""", eventId, failure.invoiceId(), failure.jobId(),
                failure.runId(), failure.tableMap(), failure.batchNumber(), failure.recordId(), failure.category(),
                failure.cause(), ErrorStatus.OPEN.name(), ts(failure.failedAt()), failure.rule(), failure.subject());
        // A failure at the invoice's start rolled its start back with it (the same handler): the job is the failure's.
        jdbc.update("UPDATE sync_invoice SET status = ?, current_map = ?, updated_at = ?, job_id = coalesce(job_id, ?), "
                        + "run_id = coalesce(run_id, ?) WHERE invoice_id = ?", InvoiceSyncStatus.FAILED.name(),
                failure.tableMap(), ts(failure.failedAt()), failure.jobId(), failure.runId(), failure.invoiceId());
    }

    /**
     * A stop holds the invoice where it is; one already synced stays synced (the stop was decided before its sync was
     * seen: a small invoice is written whole, in one transaction, as soon as its sync starts).
     */
    public void paused(UUID invoiceId, Instant at) {
        jdbc.update("UPDATE sync_invoice SET status = ?, updated_at = ? WHERE invoice_id = ? AND status <> ?",
                InvoiceSyncStatus.PAUSED.name(), ts(at), invoiceId, InvoiceSyncStatus.SYNCED.name());
    }

    /** A paused invoice goes on in the new run; one in any other state keeps it. */
    public void resumed(UUID invoiceId, UUID jobId, UUID runId, Instant at) {
        jdbc.update("UPDATE sync_invoice SET status = CASE WHEN status = ? THEN ? ELSE status END, job_id = ?, "
                        + "run_id = ?, updated_at = ? WHERE invoice_id = ?", InvoiceSyncStatus.PAUSED.name(),
                InvoiceSyncStatus.IN_PROGRESS.name(), jobId, runId, ts(at), invoiceId);
    }

    /**
     * A business refusal retried resumes where it stopped (in progress); a system failure retried is synced again
     * from its first batch, so it waits for its new start (InvoiceSyncStarted says when). Its open errors are retried.
     */
    public void retried(UUID invoiceId, Instant at) {
        jdbc.update("""
                UPDATE sync_invoice SET status = CASE WHEN status <> ? THEN status
                    WHEN EXISTS (SELECT 1 FROM sync_error e WHERE e.invoice_id = sync_invoice.invoice_id
                                 AND e.status = ? AND e.category = ?) THEN ?
                    ELSE ? END, updated_at = ? WHERE invoice_id = ?""", InvoiceSyncStatus.FAILED.name(),
                ErrorStatus.OPEN.name(), ErrorCategory.SYSTEM.name(), InvoiceSyncStatus.WAITING.name(),
                InvoiceSyncStatus.IN_PROGRESS.name(), ts(at), invoiceId);
        closeOpenErrors(invoiceId, ErrorStatus.RETRIED, at);
    }

    public void dismissed(UUID invoiceId, Instant at) {
        closeOpenErrors(invoiceId, ErrorStatus.DISMISSED, at);
        jdbc.update("UPDATE sync_invoice SET status = ?, updated_at = ? WHERE invoice_id = ?",
                InvoiceSyncStatus.DISMISSED.name(), ts(at), invoiceId);
    }

    /** Synced; every Finance row of it is written (the Finance group applies its events in order): queue its check. */
    public void synced(UUID invoiceId, UUID jobId, Instant at) {
        jdbc.update("UPDATE sync_invoice SET status = ?, current_map = NULL, finished_at = ?, updated_at = ? "
                + "WHERE invoice_id = ?", InvoiceSyncStatus.SYNCED.name(), ts(at), ts(at), invoiceId);
        jdbc.update("INSERT INTO sync_reconciliation_queue (invoice_id, job_id, synced_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (invoice_id) DO NOTHING", invoiceId, jobId, ts(at));
    }

    private void closeOpenErrors(UUID invoiceId, ErrorStatus status, Instant at) {
        jdbc.update("UPDATE sync_error SET status = ?, resolved_at = ? WHERE invoice_id = ? AND status = ?",
                status.name(), ts(at), invoiceId, ErrorStatus.OPEN.name());
    }

    // ---- reconciliation ----------------------------------------------------------------------------------------

    /**
     * A check's outcome, kept per invoice (a later check replaces it). A mismatch is also one OPEN error of category
     * RECONCILIATION per table map that differs, refreshed by a check that finds it again; the maps that agree now
     * have their earlier mismatch RESOLVED.
     */
    public void checked(UUID invoiceId, UUID jobId, ReconciliationStatus status, List<Difference> differences,
                        Instant syncedAt, Instant checkedAt) {
        jdbc.update("""
                INSERT INTO sync_reconciliation (invoice_id, job_id, status, differences, synced_at, checked_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id) DO UPDATE SET job_id = excluded.job_id, status = excluded.status,
                    differences = excluded.differences, synced_at = excluded.synced_at,
                    checked_at = excluded.checked_at""",
                invoiceId, jobId, status.name(), encode(differences), syncedAt == null ? null : ts(syncedAt),
                ts(checkedAt));
        List<String> differing = differences.stream().map(Difference::tableMap).distinct().toList();
        jdbc.update("UPDATE sync_error SET status = ?, resolved_at = ? WHERE invoice_id = ? AND category = ? "
                        + "AND status = ? AND NOT (table_map = ANY (?))", ErrorStatus.RESOLVED.name(), ts(checkedAt),
                invoiceId, ErrorCategory.RECONCILIATION.name(), ErrorStatus.OPEN.name(),
                differing.toArray(String[]::new));
        for (String map : differing) {
            String cause = "Finance differs from the confirmed proforma: " + differences.stream()
                    .filter(d -> d.tableMap().equals(map))
                    .map(d -> d.check() + ": source " + d.source() + ", Finance " + d.finance())
                    .collect(Collectors.joining("; "));
            cause = cause.length() > CAUSE_LENGTH ? cause.substring(0, CAUSE_LENGTH - 3) + "..." : cause;
            int refreshed = jdbc.update("UPDATE sync_error SET cause = ?, failed_at = ? WHERE invoice_id = ? "
                            + "AND category = ? AND table_map = ? AND status = ?", cause, ts(checkedAt), invoiceId,
                    ErrorCategory.RECONCILIATION.name(), map, ErrorStatus.OPEN.name());
            if (refreshed == 0) {
                jdbc.update("""
                        INSERT INTO sync_error (event_id, invoice_id, job_id, run_id, table_map, batch_number,
                            record_id, category, cause, status, failed_at)
                        VALUES (?, ?, ?, (SELECT run_id FROM sync_invoice WHERE invoice_id = ?), ?, 0, ?, ?, ?, ?, ?)""",
                        "reconciliation:" + invoiceId + ":" + map + ":" + checkedAt.toEpochMilli(), invoiceId, jobId,
                        invoiceId, map, invoiceId.toString(), ErrorCategory.RECONCILIATION.name(), cause,
                        ErrorStatus.OPEN.name(), ts(checkedAt));
            }
        }
    }

    /** An invoice queued for its check: taken by one worker at a time across nodes until it is done. */
    public record Queued(UUID invoiceId, UUID jobId, Instant syncedAt) {
    }

    /**
     * The next queued invoice with fewer than {@code attempts} failed checks, locked for this transaction (others skip
     * it); none while a replay loads Finance without its indexes ({@code finance_deferred_ddl} lists them), since every
     * check would then scan whole tables beside the replay's inserts.
     */
    public Optional<Queued> nextQueued(int attempts) {
        return jdbc.query("""
                SELECT invoice_id, job_id, synced_at FROM sync_reconciliation_queue
                WHERE attempts < ? AND NOT EXISTS (SELECT 1 FROM finance_deferred_ddl)
                ORDER BY synced_at, invoice_id LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, n) -> new Queued(rs.getObject("invoice_id", UUID.class), rs.getObject("job_id", UUID.class),
                        rs.getTimestamp("synced_at").toInstant()), attempts).stream().findFirst();
    }

    public void dequeued(UUID invoiceId) {
        jdbc.update("DELETE FROM sync_reconciliation_queue WHERE invoice_id = ?", invoiceId);
    }

    public void checkFailed(UUID invoiceId, String cause) {
        jdbc.update("UPDATE sync_reconciliation_queue SET attempts = attempts + 1, last_error = ? WHERE invoice_id = ?",
                cause.substring(0, Math.min(1_000, cause.length())), invoiceId);
    }

    // ---- rebuild -----------------------------------------------------------------------------------------------

    /** Every table this class writes: a replay empties them with Finance. */
    public static final List<String> TABLES = List.of("sync_job", "sync_invoice", "sync_batch", "sync_error",
            "sync_activity", "sync_reconciliation", "sync_reconciliation_queue");

    /**
     * The progress of the Finance being rebuilt: the replayed events write it again, and queue each check again. The
     * activity is emptied by its own projection's reset ({@link #resetActivity}).
     */
    public void reset() {
        jdbc.execute("TRUNCATE " + TABLES.stream().filter(t -> !t.equals("sync_activity"))
                .collect(Collectors.joining(", ")));
    }

    public void resetActivity() {
        jdbc.execute("TRUNCATE sync_activity");
    }

    /** One difference a line: table map, check, source, Finance, tab-separated (no field holds a tab). */
    static String encode(List<Difference> differences) {
        return differences.isEmpty() ? null : differences.stream()
                .map(d -> String.join("\t", d.tableMap(), d.check(), d.source(), d.finance()))
                .collect(Collectors.joining("\n"));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
