package io.invoicesync.query.syncstate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The coordinator's own state, and the only code that touches it: the job that owns the table maps
 * ({@code sync_coordinator_job}, one row) and each confirmed invoice it holds ({@code sync_coordinator_invoice}),
 * with every transition a named method and every state a {@link CoordinatorState}. The coordinator writes it in its
 * handlers' transactions; real time and the quarantine only ask.
 */
@Component
public class CoordinatorTables {

    private final JdbcTemplate jdbc;

    public CoordinatorTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run of the job that owns the maps, while it is active. */
    public record ActiveRun(UUID jobId, UUID runId, List<String> tableMaps) {
    }

    /** What the sync needs of a confirmation to dispatch it, kept from its ProformaConfirmed. */
    public record Confirmation(UUID invoiceId, long confirmedSequence, int chunks, int lineCount, int actualCount,
                               int connectionCount) {
    }

    public record Failed(UUID invoiceId, String category, String cause) {
    }

    // ---- the job that owns the maps ----------------------------------------------------------------------------

    public void runStarted(UUID jobId, UUID runId, List<String> tableMaps) {
        jdbc.update("""
                INSERT INTO sync_coordinator_job (id, job_id, run_id, table_maps, active) VALUES (1, ?, ?, ?, TRUE)
                ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, run_id = excluded.run_id,
                    table_maps = excluded.table_maps, active = TRUE""", jobId, runId, String.join(",", tableMaps));
    }

    /** Stopped or paused: nothing is dispatched; the row keeps the run and its maps for a resume. */
    public void runStopped(UUID jobId) {
        jdbc.update("UPDATE sync_coordinator_job SET active = FALSE, resumed_at = NULL WHERE job_id = ?", jobId);
        // A catch-up a pause or stop interrupts is over unfinished; the next resume counts what waits then.
        jdbc.update("UPDATE sync_coordinator_invoice SET catch_up = FALSE WHERE catch_up AND job_id = ?", jobId);
    }

    /** The paused run goes on; empty when this job does not hold the maps (nothing to resume here). */
    public Optional<ActiveRun> runResumed(UUID jobId, UUID runId, Instant resumedAt) {
        jdbc.update("UPDATE sync_coordinator_job SET active = TRUE, resumed_at = ? WHERE job_id = ? AND run_id = ?",
                Timestamp.from(resumedAt), jobId, runId);
        return activeRun().filter(run -> run.jobId().equals(jobId));
    }

    /** What a resume has to catch up with: how many invoices and the Finance rows they hold in all. */
    public record CatchUp(List<UUID> invoiceIds, long rows) {
    }

    /**
     * Marks what waits at a resume as its catch-up: every invoice paused or waiting for a run (a resume takes them
     * all, {@link #resumedAll}). Call it before they are resumed and dispatched.
     */
    public CatchUp catchUpStarted() {
        List<UUID> ids = new ArrayList<>();
        long[] rows = {0};
        jdbc.query("""
                UPDATE sync_coordinator_invoice SET catch_up = TRUE WHERE state IN (?, ?)
                RETURNING invoice_id, 1 + line_count + actual_count + connection_count AS rows""", rs -> {
            ids.add(uuid(rs, "invoice_id"));
            rows[0] += rs.getLong("rows");
        }, CoordinatorState.PAUSED.name(), CoordinatorState.WAITING.name());
        return new CatchUp(ids, rows[0]);
    }

    /**
     * One of the catch-up is done (synced or failed): answers the resume it belonged to once it was the last one, and
     * ends that catch-up; empty while others remain or when the invoice was not part of one.
     */
    public Optional<Instant> leftCatchUp(UUID invoiceId) {
        List<UUID> jobs = jdbc.queryForList("UPDATE sync_coordinator_invoice SET catch_up = FALSE "
                + "WHERE invoice_id = ? AND catch_up RETURNING job_id", UUID.class, invoiceId);
        if (jobs.isEmpty() || jobs.get(0) == null) {
            return Optional.empty();
        }
        UUID jobId = jobs.get(0);
        Long left = jdbc.queryForObject("SELECT count(*) FROM sync_coordinator_invoice WHERE catch_up AND job_id = ?",
                Long.class, jobId);
        if (left > 0) {
            return Optional.empty();
        }
        return jdbc.query("""
                UPDATE sync_coordinator_job j SET resumed_at = NULL
                FROM (SELECT id, resumed_at FROM sync_coordinator_job WHERE job_id = ?) before
                WHERE j.id = before.id AND before.resumed_at IS NOT NULL RETURNING before.resumed_at""",
                (rs, n) -> rs.getTimestamp("resumed_at").toInstant(), jobId).stream().findFirst();
    }

    public Optional<ActiveRun> activeRun() {
        return jdbc.query("SELECT job_id, run_id, table_maps FROM sync_coordinator_job WHERE id = 1 AND active",
                (rs, n) -> new ActiveRun(uuid(rs, "job_id"), uuid(rs, "run_id"),
                        List.of(rs.getString("table_maps").split(","))))
                .stream().findFirst();
    }

    /** The job that owns the table maps, active or stopped: none before any job ran. */
    public Optional<UUID> owningJob() {
        return jdbc.query("SELECT job_id FROM sync_coordinator_job WHERE id = 1", (rs, n) -> uuid(rs, "job_id"))
                .stream().findFirst();
    }

    // ---- invoices ----------------------------------------------------------------------------------------------

    /** Confirmed: waits for a run (a repeat of the same confirmation changes nothing). */
    public void waiting(Confirmation c) {
        jdbc.update("""
                INSERT INTO sync_coordinator_invoice (invoice_id, state, confirmed_sequence, chunks, line_count,
                    actual_count, connection_count) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id) DO NOTHING""", c.invoiceId(), CoordinatorState.WAITING.name(),
                c.confirmedSequence(), c.chunks(), c.lineCount(), c.actualCount(), c.connectionCount());
    }

    /**
     * What the job's next run would sync, oldest first: every invoice waiting for a run, and those paused in this job
     * (a run resumes them first). At most {@code limit}.
     */
    public List<Confirmation> pending(UUID jobId, int limit) {
        return jdbc.query("""
                SELECT invoice_id, confirmed_sequence, chunks, line_count, actual_count, connection_count
                FROM sync_coordinator_invoice WHERE state = ? OR (state = ? AND job_id = ?) ORDER BY arrival LIMIT ?""",
                (rs, n) -> new Confirmation(uuid(rs, "invoice_id"), rs.getLong("confirmed_sequence"),
                        rs.getInt("chunks"), rs.getInt("line_count"), rs.getInt("actual_count"),
                        rs.getInt("connection_count")), CoordinatorState.WAITING.name(),
                CoordinatorState.PAUSED.name(), jobId, limit);
    }

    /** The oldest waiting invoices first, a page at a time. */
    public List<Confirmation> nextWaiting(int page) {
        return jdbc.query("""
                SELECT invoice_id, confirmed_sequence, chunks, line_count, actual_count, connection_count
                FROM sync_coordinator_invoice WHERE state = ? ORDER BY arrival LIMIT ?""",
                (rs, n) -> new Confirmation(uuid(rs, "invoice_id"), rs.getLong("confirmed_sequence"),
                        rs.getInt("chunks"), rs.getInt("line_count"), rs.getInt("actual_count"),
                        rs.getInt("connection_count")), CoordinatorState.WAITING.name(), page);
    }

    public void dispatched(UUID invoiceId, UUID jobId) {
        jdbc.update("UPDATE sync_coordinator_invoice SET state = ?, job_id = ? WHERE invoice_id = ?",
                CoordinatorState.DISPATCHED.name(), jobId, invoiceId);
    }

    /** The invoices a stop paused, oldest first. */
    public List<UUID> paused() {
        return jdbc.query("SELECT invoice_id FROM sync_coordinator_invoice WHERE state = ? ORDER BY arrival",
                (rs, n) -> uuid(rs, "invoice_id"), CoordinatorState.PAUSED.name());
    }

    /** Every paused invoice goes on in this job's new run. */
    public void resumedAll(UUID jobId) {
        jdbc.update("UPDATE sync_coordinator_invoice SET state = ?, job_id = ? WHERE state = ?",
                CoordinatorState.DISPATCHED.name(), jobId, CoordinatorState.PAUSED.name());
    }

    /** The job's invoices in flight, oldest first. */
    public List<UUID> dispatchedTo(UUID jobId) {
        return jdbc.query("SELECT invoice_id FROM sync_coordinator_invoice WHERE state = ? AND job_id = ? "
                + "ORDER BY arrival", (rs, n) -> uuid(rs, "invoice_id"), CoordinatorState.DISPATCHED.name(), jobId);
    }

    /** A stop pauses the job's invoices in flight. */
    public void pausedAll(UUID jobId) {
        jdbc.update("UPDATE sync_coordinator_invoice SET state = ? WHERE state = ? AND job_id = ?",
                CoordinatorState.PAUSED.name(), CoordinatorState.DISPATCHED.name(), jobId);
    }

    /** Failed (with its job, when the failure names one); answers false when the invoice is not held at all. */
    public boolean failed(UUID invoiceId, UUID jobId, String category, String cause) {
        return jdbc.update("UPDATE sync_coordinator_invoice SET state = ?, failure_category = ?, failure_cause = ?, "
                        + "job_id = coalesce(?, job_id) WHERE invoice_id = ?", CoordinatorState.FAILED.name(),
                category, cause, jobId, invoiceId) > 0;
    }

    /** Failed before it was held (the step that would have kept it rolled back): kept now, failed. */
    public void failedBeforeKept(Confirmation c, UUID jobId, String category, String cause) {
        jdbc.update("""
                INSERT INTO sync_coordinator_invoice (invoice_id, state, job_id, confirmed_sequence, chunks,
                    line_count, actual_count, connection_count, failure_category, failure_cause)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", c.invoiceId(), CoordinatorState.FAILED.name(), jobId,
                c.confirmedSequence(), c.chunks(), c.lineCount(), c.actualCount(), c.connectionCount(), category,
                cause);
    }

    /** The job's failed invoices, oldest first. */
    public List<Failed> failedOf(UUID jobId) {
        return jdbc.query("SELECT invoice_id, failure_category, failure_cause FROM sync_coordinator_invoice "
                        + "WHERE state = ? AND job_id = ? ORDER BY arrival", this::failed,
                CoordinatorState.FAILED.name(), jobId);
    }

    /** An invoice that failed before any job ran; {@code inFinance} when real time synced it since. */
    public record FailedOfNoJob(Failed failed, boolean inFinance) {
    }

    public List<FailedOfNoJob> failedOfNoJob() {
        return jdbc.query("""
                SELECT invoice_id, failure_category, failure_cause,
                       EXISTS (SELECT 1 FROM finance_invoice_proposal p WHERE p.invoice_proposal_id = c.invoice_id)
                           AS in_finance
                FROM sync_coordinator_invoice c WHERE state = ? AND job_id IS NULL ORDER BY arrival""",
                (rs, n) -> new FailedOfNoJob(failed(rs, n), rs.getBoolean("in_finance")),
                CoordinatorState.FAILED.name());
    }

    public void adoptedBy(UUID invoiceId, UUID jobId) {
        jdbc.update("UPDATE sync_coordinator_invoice SET job_id = ? WHERE invoice_id = ?", jobId, invoiceId);
    }

    /** Retried: WAITING to be synced again from its first batch, DISPATCHED or PAUSED to go on where it stopped. */
    public void retried(UUID invoiceId, CoordinatorState next) {
        jdbc.update("UPDATE sync_coordinator_invoice SET state = ?, failure_category = NULL, failure_cause = NULL "
                + "WHERE invoice_id = ?", next.name(), invoiceId);
    }

    /**
     * A failure that comes after the saga's last step (Finance lags the saga) still stands. Answers whether the
     * invoice is part of a resume's catch-up (then {@link #leftCatchUp}), in the same statement: this is every
     * invoice's path.
     */
    public boolean synced(UUID invoiceId) {
        return jdbc.queryForList("UPDATE sync_coordinator_invoice SET state = ? WHERE invoice_id = ? AND state <> ? "
                + "RETURNING catch_up", Boolean.class, CoordinatorState.SYNCED.name(), invoiceId,
                CoordinatorState.FAILED.name()).contains(Boolean.TRUE);
    }

    /** Real time took it inside its confirm request: no run may take it again. */
    public void takenInRealTime(UUID invoiceId) {
        jdbc.update("DELETE FROM sync_coordinator_invoice WHERE invoice_id = ? AND state = ?", invoiceId,
                CoordinatorState.WAITING.name());
    }

    /** Dismissed, or nothing more to do: the coordinator lets it go. */
    public void forgotten(UUID invoiceId) {
        jdbc.update("DELETE FROM sync_coordinator_invoice WHERE invoice_id = ?", invoiceId);
    }

    public Optional<CoordinatorState> stateOf(UUID invoiceId) {
        return jdbc.query("SELECT state FROM sync_coordinator_invoice WHERE invoice_id = ?",
                (rs, n) -> CoordinatorState.valueOf(rs.getString("state")), invoiceId).stream().findFirst();
    }

    private Failed failed(ResultSet rs, int n) throws SQLException {
        return new Failed(uuid(rs, "invoice_id"), rs.getString("failure_category"), rs.getString("failure_cause"));
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
