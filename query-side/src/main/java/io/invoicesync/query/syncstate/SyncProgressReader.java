package io.invoicesync.query.syncstate;

import static io.invoicesync.query.syncstate.Columns.instant;
import static io.invoicesync.query.syncstate.Columns.maps;
import static io.invoicesync.query.syncstate.Columns.reconciliation;
import static io.invoicesync.query.syncstate.Columns.ts;
import static io.invoicesync.query.syncstate.Columns.uuid;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.sync.RealTimeSyncWithinLimit;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sync's progress by job, as {@link SyncProgressTables} writes it (its runs, pace, catch-up and activity), and
 * its metrics: every answer a record, every column read by its name, every state an enum. With
 * {@link InvoiceProgressReader}, {@link SyncErrorReader} and {@link ReconciliationReader}, each for its own question,
 * the only readers of the progress tables.
 */
@Component
public class SyncProgressReader {

    private final JdbcTemplate jdbc;

    public SyncProgressReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- jobs --------------------------------------------------------------------------------------------------

    public record JobSummary(UUID jobId, String name, JobStatus status, UUID runId, Instant createdAt,
                             Instant startedAt, Instant stoppedAt, List<String> tableMaps,
                             Map<InvoiceSyncStatus, Long> invoices, long openErrors) {
    }

    /** {@code failedRows}: of the pending rows, those of failed invoices (short until a retry or dismissal). */
    public record MapProgress(String tableMap, int position, long expectedRows, long appliedRows, long pendingRows,
                              long appliedBatches, long failedRecords, long failedRows) {
    }

    /**
     * Rows the job has written to Finance over all its runs ({@code rowsApplied}, what Finance holds from it), and the
     * current run's share with its pace: first and last batch written, rows per second in between.
     */
    public record Throughput(long rowsApplied, long rowsAppliedThisRun, Instant firstAppliedAt, Instant lastAppliedAt,
                             double rowsPerSecond) {
    }

    /**
     * @param waiting  what the job has still to sync: invoices waiting for a run, paused or in progress in it, and
     *                 the Finance rows they have left to write (what a paused job has queued)
     * @param catchUp  the last resume's catch-up, while it runs and once it is done; null before any resume, and once
     *                 the job was paused or stopped again before it was done
     */
    public record JobProgress(UUID jobId, String name, JobStatus status, UUID runId, Instant startedAt,
                              Instant stoppedAt, Instant pausedAt, List<MapProgress> tableMaps,
                              Map<InvoiceSyncStatus, Long> invoices, long invoicesWaitingForARun, Backlog waiting,
                              long openErrors, Throughput throughput, Map<ReconciliationStatus, Long> reconciliation,
                              CatchUp catchUp) {
    }

    /** Invoices not yet synced and the Finance rows they have left to write. */
    public record Backlog(long invoices, long rows) {
    }

    /**
     * A resume's catch-up: what waited at {@code resumedAt} ({@code invoices}, {@code rows}), the pace it was
     * estimated at and the estimate ({@code estimatedAt}, null without a pace); while it runs, what is {@code left}
     * of it, the pace of the last minute and the time that pace gives ({@code correctedAt}); once done,
     * {@code caughtUpAt}. {@code outcome} says how it stands against the estimate.
     */
    public record CatchUp(Instant resumedAt, int invoices, long rows, double rowsPerSecond, Long estimatedSeconds,
                          Instant estimatedAt, Backlog left, double currentRowsPerSecond, Instant correctedAt,
                          Instant caughtUpAt, CatchUpOutcome outcome) {
    }

    /** The pace a running catch-up is judged by: Finance rows the job wrote over this last window. */
    static final Duration CURRENT_PACE = Duration.ofMinutes(1);

    public boolean jobExists(UUID jobId) {
        return !jdbc.queryForList("SELECT 1 FROM sync_job WHERE job_id = ?", Integer.class, jobId).isEmpty();
    }

    /** Every job, newest first, with its invoices by state in one round trip (the console polls it each second). */
    public Page<JobSummary> jobs(JobStatus status, Paging paging) {
        String filter = status == null ? null : status.name();
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_job WHERE (?::text IS NULL OR status = ?)",
                Long.class, filter, filter);
        List<InvoiceSyncStatus> states = InvoiceSyncStatus.ofAJob();
        String counts = states.stream().map(s -> "count(*) FILTER (WHERE i.status = '" + s.name() + "') AS "
                + s.name().toLowerCase()).collect(Collectors.joining(", "));
        List<JobSummary> jobs = jdbc.query("""
                SELECT j.job_id, j.name, j.status, j.run_id, j.created_at, j.started_at, j.stopped_at, j.table_maps,
                       (SELECT count(*) FROM sync_error e WHERE e.job_id = j.job_id AND e.status = ?) AS open_errors,
                       c.*
                FROM sync_job j
                LEFT JOIN LATERAL (SELECT %s FROM sync_invoice i WHERE i.job_id = j.job_id) c ON true
                WHERE (?::text IS NULL OR j.status = ?)
                ORDER BY j.created_at DESC, j.job_id LIMIT ? OFFSET ?""".formatted(counts), (rs, n) -> {
            Map<InvoiceSyncStatus, Long> invoices = new LinkedHashMap<>();
            for (InvoiceSyncStatus state : states) {
                invoices.put(state, rs.getLong(state.name().toLowerCase()));
            }
            return new JobSummary(uuid(rs, "job_id"), rs.getString("name"), JobStatus.valueOf(rs.getString("status")),
                    uuid(rs, "run_id"), instant(rs, "created_at"), instant(rs, "started_at"),
                    instant(rs, "stopped_at"), maps(rs.getString("table_maps")), invoices, rs.getLong("open_errors"));
        }, ErrorStatus.OPEN.name(), filter, filter, paging.size(), paging.offset());
        return paging.of(jobs, total);
    }

    /** A job's status, its maps' progress, its invoices by state, errors, throughput and reconciliation. */
    public Optional<JobProgress> job(UUID jobId) {
        return jdbc.query("SELECT * FROM sync_job WHERE job_id = ?", (rs, n) -> {
            UUID runId = uuid(rs, "run_id");
            JobStatus status = JobStatus.valueOf(rs.getString("status"));
            return new JobProgress(jobId, rs.getString("name"), status, runId, instant(rs, "started_at"),
                    instant(rs, "stopped_at"), instant(rs, "paused_at"),
                    mapsOf(jobId, maps(rs.getString("table_maps"))), invoiceCounts(jobId), waitingForARun(),
                    backlog(jobId, null), openErrors(jobId), throughput(jobId, runId), reconciliationCounts(jobId),
                    catchUp(jobId, status, rs));
        }, jobId).stream().findFirst();
    }

    /**
     * What the job has left to sync: invoices waiting for a run, or paused or in progress in this job, confirmed
     * before {@code confirmedBy} when given (a catch-up's share), with the rows they have still to write.
     */
    private Backlog backlog(UUID jobId, Instant confirmedBy) {
        return jdbc.queryForObject("""
                SELECT count(*) AS invoices,
                       coalesce(sum(1 + i.line_count + i.actual_count + i.connection_count), 0)
                       - coalesce(sum((SELECT sum(b.row_count) FROM sync_batch b WHERE b.invoice_id = i.invoice_id)), 0)
                           AS rows
                FROM sync_invoice i
                WHERE (i.status = ? OR (i.job_id = ? AND i.status IN (?, ?)))
                  AND (?::timestamptz IS NULL OR i.confirmed_at <= ?)""",
                (rs, n) -> new Backlog(rs.getLong("invoices"), Math.max(0, rs.getLong("rows"))),
                InvoiceSyncStatus.WAITING.name(), jobId, InvoiceSyncStatus.PAUSED.name(),
                InvoiceSyncStatus.IN_PROGRESS.name(), ts(confirmedBy), ts(confirmedBy));
    }

    /** The catch-up of the job's last resume, judged against its estimate (see {@link JobProgress#catchUp()}). */
    private CatchUp catchUp(UUID jobId, JobStatus status, ResultSet job) throws SQLException {
        Instant resumedAt = instant(job, "catch_up_resumed_at");
        Instant lastHeld = latest(instant(job, "paused_at"), instant(job, "stopped_at"));
        if (resumedAt == null || (lastHeld != null && lastHeld.isAfter(resumedAt))) {
            return null;
        }
        Instant caughtUpAt = instant(job, "caught_up_at");
        if (caughtUpAt == null && status != JobStatus.ACTIVE) {
            return null;
        }
        Long estimatedSeconds = (Long) job.getObject("catch_up_estimated_seconds");
        Instant estimatedAt = estimatedSeconds == null ? null : resumedAt.plusSeconds(estimatedSeconds);
        Instant due = estimatedAt == null ? null : estimatedAt.plus(CatchUpOutcome.tolerance(estimatedSeconds));
        int invoices = job.getInt("catch_up_invoices");
        long rows = job.getLong("catch_up_rows");
        double estimatePace = job.getDouble("catch_up_rows_per_second");
        if (caughtUpAt != null) {
            CatchUpOutcome outcome = due == null ? CatchUpOutcome.CAUGHT_UP
                    : caughtUpAt.isAfter(due) ? CatchUpOutcome.LATE : CatchUpOutcome.MET;
            return new CatchUp(resumedAt, invoices, rows, estimatePace, estimatedSeconds, estimatedAt,
                    new Backlog(0, 0), 0, null, caughtUpAt, outcome);
        }
        Backlog left = backlog(jobId, resumedAt);
        double pace = Math.round(recentRate(jobId, CURRENT_PACE).rowsPerSecond() * 10) / 10.0;
        Instant now = Instant.now();
        Instant correctedAt = pace > 0 ? now.plusMillis((long) Math.ceil(left.rows() / pace * 1000)) : null;
        CatchUpOutcome outcome = due == null ? CatchUpOutcome.NO_ESTIMATE
                : now.isAfter(due) || (correctedAt != null && correctedAt.isAfter(due)) ? CatchUpOutcome.RUNNING_LATE
                : CatchUpOutcome.ON_TRACK;
        return new CatchUp(resumedAt, invoices, rows, estimatePace, estimatedSeconds, estimatedAt, left, pace,
                correctedAt, null, outcome);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private Map<InvoiceSyncStatus, Long> invoiceCounts(UUID jobId) {
        Map<InvoiceSyncStatus, Long> invoices = new LinkedHashMap<>();
        InvoiceSyncStatus.ofAJob().forEach(state -> invoices.put(state, 0L));
        jdbc.query("SELECT status, count(*) AS n FROM sync_invoice WHERE job_id = ? GROUP BY status", rs -> {
            invoices.put(InvoiceSyncStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        }, jobId);
        return invoices;
    }

    private long waitingForARun() {
        return jdbc.queryForObject("SELECT count(*) FROM sync_invoice WHERE status = ?", Long.class,
                InvoiceSyncStatus.WAITING.name());
    }

    private long openErrors(UUID jobId) {
        return jdbc.queryForObject("SELECT count(*) FROM sync_error WHERE job_id = ? AND status = ?", Long.class,
                jobId, ErrorStatus.OPEN.name());
    }

    /** The job's synced invoices by their last check: RECONCILED, MISMATCH, or UNCHECKED (not checked yet). */
    private Map<ReconciliationStatus, Long> reconciliationCounts(UUID jobId) {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE r.status = ?) AS reconciled, count(*) FILTER (WHERE r.status = ?) AS mismatch,
                       count(*) FILTER (WHERE r.status IS NULL) AS unchecked
                FROM sync_invoice i LEFT JOIN sync_reconciliation r ON r.invoice_id = i.invoice_id
                WHERE i.job_id = ? AND i.status = ?""", (rs, n) -> {
            Map<ReconciliationStatus, Long> counts = new LinkedHashMap<>();
            counts.put(ReconciliationStatus.RECONCILED, rs.getLong("reconciled"));
            counts.put(ReconciliationStatus.MISMATCH, rs.getLong("mismatch"));
            counts.put(ReconciliationStatus.UNCHECKED, rs.getLong("unchecked"));
            return counts;
        }, ReconciliationStatus.RECONCILED.name(), ReconciliationStatus.MISMATCH.name(), jobId,
                InvoiceSyncStatus.SYNCED.name());
    }

    private List<MapProgress> mapsOf(UUID jobId, List<String> names) {
        List<MapProgress> maps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String map = names.get(i);
            String expected = switch (TableMap.byTableName(map).orElseThrow()) {
                case INVOICES -> "line_count + 1";
                case ACTUALS -> "actual_count";
                case TRANSACTION_CONNECTIONS -> "connection_count";
            };
            long[] expectedRows = jdbc.queryForObject("SELECT coalesce(sum(" + expected + "), 0) AS rows, "
                    + "coalesce(sum(" + expected + ") FILTER (WHERE status = ?), 0) AS failed FROM sync_invoice "
                    + "WHERE job_id = ? AND status <> ?",
                    (rs, n) -> new long[]{rs.getLong("rows"), rs.getLong("failed")}, InvoiceSyncStatus.FAILED.name(),
                    jobId, InvoiceSyncStatus.DISMISSED.name());
            long[] applied = jdbc.queryForObject("""
                    SELECT count(*) AS batches, coalesce(sum(b.row_count), 0) AS rows,
                           coalesce(sum(b.row_count) FILTER (WHERE i.status = ?), 0) AS failed
                    FROM sync_batch b
                    JOIN sync_invoice i ON i.invoice_id = b.invoice_id
                    WHERE i.job_id = ? AND i.status <> ? AND b.table_map = ?""",
                    (rs, n) -> new long[]{rs.getLong("batches"), rs.getLong("rows"), rs.getLong("failed")},
                    InvoiceSyncStatus.FAILED.name(), jobId, InvoiceSyncStatus.DISMISSED.name(), map);
            long failed = jdbc.queryForObject("SELECT count(*) FROM sync_error WHERE job_id = ? AND table_map = ? "
                    + "AND status = ?", Long.class, jobId, map, ErrorStatus.OPEN.name());
            maps.add(new MapProgress(map, i + 1, expectedRows[0], applied[1],
                    Math.max(0, expectedRows[0] - applied[1]), applied[0], failed,
                    Math.max(0, expectedRows[1] - applied[2])));
        }
        return maps;
    }

    private Throughput throughput(UUID jobId, UUID runId) {
        long allRuns = jdbc.queryForObject("SELECT coalesce(sum(row_count), 0) FROM sync_batch WHERE job_id = ?",
                Long.class, jobId);
        if (runId == null) {
            return new Throughput(allRuns, 0, null, null, 0);
        }
        return jdbc.queryForObject("""
                SELECT coalesce(sum(row_count), 0) AS rows, min(applied_at) AS first, max(applied_at) AS last
                FROM sync_batch WHERE job_id = ? AND run_id = ?""", (rs, n) -> {
            long rows = rs.getLong("rows");
            Instant first = instant(rs, "first");
            Instant last = instant(rs, "last");
            double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
            return new Throughput(allRuns, rows, first, last, seconds > 0 ? Math.round(rows / seconds * 10) / 10.0 : 0);
        }, jobId, runId);
    }

    /**
     * One run of a job: who ran it and stopped it, when, what it wrote (rows, first and last batch written, its
     * average rate), how many invoices it synced and how many records failed in it (application and system errors;
     * a reconciliation's findings are not the run's), and its pace over its own span in
     * {@link #PACE_POINTS} equal slices (rows a second in each), for a sparkline.
     */
    public record Run(UUID runId, Instant startedAt, String startedBy, Instant stoppedAt, String stoppedBy,
                      long rows, Instant firstWrittenAt, Instant lastWrittenAt, double rowsPerSecond,
                      long invoicesSynced, long errors, List<Double> pace) {
    }

    public static final int PACE_POINTS = 30;

    /** The job's runs, newest first (at most {@code limit}). */
    public List<Run> runs(UUID jobId, int limit) {
        Map<UUID, List<Double>> paces = paces(jobId);
        return jdbc.query("""
                SELECT r.run_id, r.occurred_at AS started_at, r.actor AS started_by, s.occurred_at AS stopped_at,
                       s.actor AS stopped_by, coalesce(b.rows, 0) AS rows, b.first_at, b.last_at,
                       coalesce(i.synced, 0) AS synced, coalesce(e.errors, 0) AS errors
                FROM sync_activity r
                LEFT JOIN sync_activity s ON s.job_id = r.job_id AND s.run_id = r.run_id AND s.action = ?
                LEFT JOIN (SELECT run_id, sum(row_count) AS rows, min(applied_at) AS first_at,
                                  max(applied_at) AS last_at
                           FROM sync_batch WHERE job_id = ? GROUP BY run_id) b ON b.run_id = r.run_id
                LEFT JOIN (SELECT run_id, count(*) AS synced FROM sync_invoice WHERE job_id = ? AND status = ?
                           GROUP BY run_id) i ON i.run_id = r.run_id
                LEFT JOIN (SELECT run_id, count(*) AS errors FROM sync_error WHERE job_id = ? AND category <> ?
                           GROUP BY run_id) e ON e.run_id = r.run_id
                WHERE r.job_id = ? AND r.action = ?
                ORDER BY r.occurred_at DESC LIMIT ?""", (rs, n) -> {
            UUID runId = uuid(rs, "run_id");
            Instant first = instant(rs, "first_at");
            Instant last = instant(rs, "last_at");
            long rows = rs.getLong("rows");
            double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
            return new Run(runId, instant(rs, "started_at"), rs.getString("started_by"), instant(rs, "stopped_at"),
                    rs.getString("stopped_by"), rows, first, last,
                    seconds > 0 ? Math.round(rows / seconds * 10) / 10.0 : 0, rs.getLong("synced"),
                    rs.getLong("errors"), paces.getOrDefault(runId, List.of()));
        }, JobAction.STOP.name(), jobId, jobId, InvoiceSyncStatus.SYNCED.name(), jobId,
                ErrorCategory.RECONCILIATION.name(), jobId, JobAction.RUN.name(), limit);
    }

    /**
     * Each run's pace, in one query for all the job's runs: rows a second in each of {@link #PACE_POINTS} equal
     * slices of the run's writing span; none for a run that wrote in one moment.
     */
    private Map<UUID, List<Double>> paces(UUID jobId) {
        Map<UUID, double[]> rows = new HashMap<>();
        Map<UUID, Double> spans = new HashMap<>();
        jdbc.query("""
                SELECT b.run_id, extract(epoch FROM s.last_at - s.first_at) AS span,
                       least(width_bucket(extract(epoch FROM b.applied_at), extract(epoch FROM s.first_at),
                                          extract(epoch FROM s.last_at), ?), ?) AS slice, sum(b.row_count) AS rows
                FROM sync_batch b
                JOIN (SELECT run_id, min(applied_at) AS first_at, max(applied_at) AS last_at FROM sync_batch
                      WHERE job_id = ? GROUP BY run_id HAVING max(applied_at) > min(applied_at)) s
                  ON s.run_id = b.run_id
                WHERE b.job_id = ? GROUP BY 1, 2, 3""", rs -> {
            UUID runId = uuid(rs, "run_id");
            spans.put(runId, rs.getDouble("span"));
            rows.computeIfAbsent(runId, k -> new double[PACE_POINTS])[rs.getInt("slice") - 1] = rs.getLong("rows");
        }, PACE_POINTS, PACE_POINTS, jobId, jobId);
        Map<UUID, List<Double>> paces = new HashMap<>();
        rows.forEach((runId, slices) -> paces.put(runId, Arrays.stream(slices)
                .map(r -> Math.round(r / (spans.get(runId) / PACE_POINTS) * 10) / 10.0).boxed().toList()));
        return paces;
    }

    /** Rows Finance holds already from these invoices (a paused invoice's batches written before its pause). */
    public long rowsApplied(List<UUID> invoiceIds) {
        return jdbc.queryForObject("SELECT coalesce(sum(row_count), 0) FROM sync_batch WHERE invoice_id = ANY (?)",
                Long.class, (Object) invoiceIds.toArray(UUID[]::new));
    }

    /** Finance rows written by any job over the last {@code window}, and over how long they were written. */
    /**
     * Rows written over a span: from the first of them, or the start of its invoice's sync when that was earlier
     * within the window (a small invoice's rows are all written at one instant), to the last.
     */
    public record RecentRate(long rows, Duration over, Duration window) {

        public double rowsPerSecond() {
            return over.isZero() ? 0 : rows / (over.toMillis() / 1000.0);
        }
    }

    public RecentRate recentRate(Duration window) {
        return recentRate(null, window);
    }

    /** As {@link #recentRate(Duration)}, of one job's writes (any job's when {@code jobId} is null). */
    public RecentRate recentRate(UUID jobId, Duration window) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(b.row_count), 0) AS rows,
                    least(min(b.applied_at), min(greatest(i.started_at, now() - ? * interval '1 ms'))) AS first,
                    max(b.applied_at) AS last
                FROM sync_batch b LEFT JOIN sync_invoice i ON i.invoice_id = b.invoice_id
                WHERE b.applied_at > now() - ? * interval '1 ms' AND (?::uuid IS NULL OR b.job_id = ?)""",
                (rs, n) -> rate(rs, window), window.toMillis(), window.toMillis(), jobId, jobId);
    }

    /**
     * The job's pace over its last {@code window} of writing, however long ago that was (a paused job's pace before
     * the pause); any job's last window when this one never wrote.
     */
    public RecentRate lastPace(UUID jobId, Duration window) {
        RecentRate own = lastPaceOf(jobId, window);
        return own.rows() > 0 ? own : lastPaceOf(null, window);
    }

    private RecentRate lastPaceOf(UUID jobId, Duration window) {
        return jdbc.queryForObject("""
                WITH last AS (SELECT max(applied_at) AS at FROM sync_batch WHERE ?::uuid IS NULL OR job_id = ?)
                SELECT coalesce(sum(b.row_count), 0) AS rows,
                    least(min(b.applied_at), min(greatest(i.started_at, last.at - ? * interval '1 ms'))) AS first,
                    max(b.applied_at) AS last
                FROM sync_batch b LEFT JOIN sync_invoice i ON i.invoice_id = b.invoice_id, last
                WHERE b.applied_at > last.at - ? * interval '1 ms' AND (?::uuid IS NULL OR b.job_id = ?)""",
                (rs, n) -> rate(rs, window), jobId, jobId, window.toMillis(), window.toMillis(), jobId, jobId);
    }

    private static RecentRate rate(ResultSet rs, Duration window) throws SQLException {
        Instant first = instant(rs, "first");
        return new RecentRate(rs.getLong("rows"), first == null ? Duration.ZERO
                : Duration.between(first, instant(rs, "last")), window);
    }

    /** {@code reason}: why, where the action carries one (a resync). */
    public record Activity(Instant at, JobAction action, String user, UUID runId, Integer invoiceCount,
                           List<UUID> invoiceIds, String reason) {
    }

    /** What was done to the job, newest first. */
    public Page<Activity> activity(UUID jobId, Paging paging) {
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_activity WHERE job_id = ?", Long.class, jobId);
        List<Activity> activity = jdbc.query("""
                SELECT occurred_at, action, actor, run_id, invoice_count, invoice_ids, reason FROM sync_activity
                WHERE job_id = ? ORDER BY occurred_at DESC, event_id LIMIT ? OFFSET ?""", (rs, n) -> {
            String ids = rs.getString("invoice_ids");
            return new Activity(instant(rs, "occurred_at"), JobAction.valueOf(rs.getString("action")),
                    rs.getString("actor"), uuid(rs, "run_id"), (Integer) rs.getObject("invoice_count"),
                    ids == null ? null : ids.isEmpty() ? List.of()
                            : Arrays.stream(ids.split(",")).map(UUID::fromString).toList(), rs.getString("reason"));
        }, jobId, paging.size(), paging.offset());
        return paging.of(activity, total);
    }

    // ---- metrics -----------------------------------------------------------------------------------------------

    /** Rows the sync has written to Finance, per table map name. */
    public Map<String, Long> rowsPerMap() {
        return grouped("SELECT table_map AS k, sum(row_count) AS n FROM sync_batch GROUP BY table_map");
    }

    public Map<InvoiceSyncStatus, Long> invoicesByStatus() {
        Map<InvoiceSyncStatus, Long> counts = new EnumMap<>(InvoiceSyncStatus.class);
        grouped("SELECT status AS k, count(*) AS n FROM sync_invoice GROUP BY status")
                .forEach((k, n) -> counts.put(InvoiceSyncStatus.valueOf(k), n));
        return counts;
    }

    /** Errors per category and status, keyed "CATEGORY/STATUS". */
    public Map<String, Long> errorsByCategoryAndStatus() {
        return grouped("SELECT category || '/' || status AS k, count(*) AS n FROM sync_error GROUP BY category, status");
    }

    /** Synced invoices by their last check, and QUEUED: those waiting for one. */
    public Map<ReconciliationStatus, Long> reconciliationsByStatus() {
        Map<ReconciliationStatus, Long> counts = new EnumMap<>(ReconciliationStatus.class);
        grouped("SELECT status AS k, count(*) AS n FROM sync_reconciliation GROUP BY status")
                .forEach((k, n) -> counts.put(ReconciliationStatus.valueOf(k), n));
        counts.put(ReconciliationStatus.QUEUED,
                jdbc.queryForObject("SELECT count(*) FROM sync_reconciliation_queue", Long.class));
        return counts;
    }

    private Map<String, Long> grouped(String sql) {
        Map<String, Long> values = new HashMap<>();
        jdbc.query(sql, rs -> {
            values.put(rs.getString("k"), rs.getLong("n"));
        });
        return values;
    }
}
