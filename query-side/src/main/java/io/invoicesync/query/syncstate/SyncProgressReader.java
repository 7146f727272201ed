package io.invoicesync.query.syncstate;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.sync.RealTimeSyncWithinLimit;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * The only reader of the sync's progress ({@link SyncProgressTables} writes it): every answer a record, every column
 * read by its name, every state an enum. The progress API, the metrics, the reconciliation and the quarantine ask it.
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

    // ---- invoices ----------------------------------------------------------------------------------------------

    /** What an operator knows an invoice by, beside its id, as its confirmation said it (null before issue 24). */
    public record BusinessContext(String customerId, String projectContractId, BigDecimal totalAmount,
                                  String currency, LocalDate invoiceDate) {

        static BusinessContext of(ResultSet rs) throws SQLException {
            Date date = rs.getDate("invoice_date");
            return new BusinessContext(rs.getString("customer_id"), rs.getString("project_contract_id"),
                    rs.getBigDecimal("total_amount"), rs.getString("currency"),
                    date == null ? null : date.toLocalDate());
        }
    }

    public record InvoiceOfJob(UUID invoiceId, InvoiceSyncStatus status, String mode, String currentMap,
                               int lineCount, long expectedRows, long appliedRows, Instant confirmedAt,
                               Instant startedAt, Instant finishedAt, Instant updatedAt, long openErrors,
                               ReconciliationStatus reconciliation, BusinessContext context) {
    }

    /**
     * The job's invoices, most recently changed first; {@code status} filters, and {@code search} finds an invoice by
     * the start of its id or by its customer or contract (case ignored). WAITING lists the invoices confirmed while
     * no job ran, which this job's next run takes.
     */
    public Page<InvoiceOfJob> invoicesOfJob(UUID jobId, InvoiceSyncStatus status, String search, Paging paging) {
        String filter = status == null ? null : status.name();
        String like = search == null || search.isBlank() ? null
                : search.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        String where = " WHERE (i.job_id = ? OR (i.job_id IS NULL AND i.status = ?)) "
                + "AND (?::text IS NULL OR i.status = ?) AND (?::text IS NULL OR i.invoice_id::text LIKE ? "
                + "OR lower(i.customer_id) LIKE ? OR lower(i.project_contract_id) LIKE ?)";
        Object[] arguments = {jobId, InvoiceSyncStatus.WAITING.name(), filter, filter, like, like, like, like};
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_invoice i" + where, Long.class, arguments);
        List<InvoiceOfJob> invoices = jdbc.query("""
                SELECT i.invoice_id, i.status, i.mode, i.current_map, i.line_count, i.customer_id,
                       i.project_contract_id, i.total_amount, i.currency, i.invoice_date,
                       i.line_count + 1 + i.actual_count + i.connection_count AS expected_rows,
                       (SELECT coalesce(sum(b.row_count), 0) FROM sync_batch b WHERE b.invoice_id = i.invoice_id)
                           AS applied_rows,
                       i.confirmed_at, i.started_at, i.finished_at, i.updated_at,
                       (SELECT count(*) FROM sync_error e WHERE e.invoice_id = i.invoice_id AND e.status = ?)
                           AS open_errors,
                       (SELECT r.status FROM sync_reconciliation r WHERE r.invoice_id = i.invoice_id) AS reconciliation
                FROM sync_invoice i""" + where + " ORDER BY i.updated_at DESC, i.invoice_id LIMIT ? OFFSET ?",
                (rs, n) -> new InvoiceOfJob(uuid(rs, "invoice_id"), InvoiceSyncStatus.valueOf(rs.getString("status")),
                        rs.getString("mode"), rs.getString("current_map"), rs.getInt("line_count"),
                        rs.getLong("expected_rows"), rs.getLong("applied_rows"), instant(rs, "confirmed_at"),
                        instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "updated_at"),
                        rs.getLong("open_errors"), reconciliation(rs.getString("reconciliation")),
                        BusinessContext.of(rs)),
                Stream.concat(Stream.of(ErrorStatus.OPEN.name()), Stream.concat(Arrays.stream(arguments),
                        Stream.of(paging.size(), paging.offset()))).toArray());
        return paging.of(invoices, total);
    }

    public record MapOfInvoice(String tableMap, int batches, long appliedBatches, long appliedRows, MapState state) {
    }

    /** The last check of a synced invoice against its source; null until it was checked. */
    public record InvoiceReconciliation(ReconciliationStatus status, List<Difference> differences,
                                        Instant checkedAt) {
    }

    /**
     * One invoice's sync; {@code financeHasRows} says whether Finance holds any of its rows yet (the proposal comes
     * first, so its trace can be asked for), so that a page asks for that trace only then.
     */
    public record InvoiceProgress(UUID invoiceId, UUID jobId, UUID runId, InvoiceSyncStatus status, String mode,
                                  String currentMap, int lineCount, int actualCount, int connectionCount,
                                  Instant confirmedAt, Instant startedAt, Instant finishedAt,
                                  List<MapOfInvoice> tableMaps, boolean financeHasRows, List<SyncError> errors,
                                  InvoiceReconciliation reconciliation, BusinessContext context) {
    }

    /** One invoice's way through the job's maps, if this job synced (or syncs) it. */
    public Optional<InvoiceProgress> invoiceOfJob(UUID jobId, UUID invoiceId) {
        return jdbc.query("""
                SELECT invoice_id, job_id, run_id, status, mode, current_map, line_count, actual_count,
                       connection_count, confirmed_at, started_at, finished_at, chunks, customer_id,
                       project_contract_id, total_amount, currency, invoice_date
                FROM sync_invoice WHERE invoice_id = ? AND job_id = ?""", (rs, n) -> {
            InvoiceSyncStatus status = InvoiceSyncStatus.valueOf(rs.getString("status"));
            String currentMap = rs.getString("current_map");
            List<MapOfInvoice> maps = mapsOfInvoice(invoiceId, rs.getInt("chunks"), status, currentMap);
            return new InvoiceProgress(invoiceId, jobId, uuid(rs, "run_id"), status, rs.getString("mode"),
                    currentMap, rs.getInt("line_count"), rs.getInt("actual_count"), rs.getInt("connection_count"),
                    instant(rs, "confirmed_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                    maps, maps.stream().anyMatch(map -> map.appliedRows() > 0),
                    errors(new ErrorFilter(jobId, invoiceId, null, null, null), Paging.of(0, Paging.MAX_SIZE))
                            .content(),
                    reconciliationOf(invoiceId).orElse(null), BusinessContext.of(rs));
        }, invoiceId, jobId).stream().findFirst();
    }

    private List<MapOfInvoice> mapsOfInvoice(UUID invoiceId, int chunks, InvoiceSyncStatus status,
                                             String currentMap) {
        Map<String, long[]> applied = new HashMap<>();
        jdbc.query("""
                SELECT table_map, count(*) AS batches, coalesce(sum(row_count), 0) AS rows FROM sync_batch
                WHERE invoice_id = ? GROUP BY table_map""", rs -> {
            applied.put(rs.getString("table_map"), new long[]{rs.getLong("batches"), rs.getLong("rows")});
        }, invoiceId);
        List<MapOfInvoice> maps = new ArrayList<>();
        for (TableMap map : TableMap.values()) {
            long[] of = applied.getOrDefault(map.tableName(), new long[2]);
            maps.add(new MapOfInvoice(map.tableName(), chunks, of[0], of[1],
                    MapState.of(of[0], chunks, map.tableName().equals(currentMap), status)));
        }
        return maps;
    }

    /** Where one invoice is on its way to Finance, whichever job (or real time) took it. */
    public record InvoiceSync(InvoiceSyncStatus status, String mode, UUID jobId, String currentMap, Instant startedAt,
                              Instant finishedAt) {
    }

    public Optional<InvoiceSync> invoiceSync(UUID invoiceId) {
        return jdbc.query("SELECT status, mode, job_id, current_map, started_at, finished_at FROM sync_invoice "
                        + "WHERE invoice_id = ?", (rs, n) -> new InvoiceSync(
                        InvoiceSyncStatus.valueOf(rs.getString("status")), rs.getString("mode"), uuid(rs, "job_id"),
                        rs.getString("current_map"), instant(rs, "started_at"), instant(rs, "finished_at")), invoiceId)
                .stream().findFirst();
    }

    /** Where the one-transaction sync of a small invoice in progress goes on: its job, run and the job's maps. */
    public record OneTransactionResume(UUID jobId, UUID runId, List<String> tableMaps) {
    }

    /**
     * An invoice that fits one transaction and is in progress, though Finance writes such an invoice whole the moment
     * its sync starts: one Finance's rules refused, since retried or resumed. Empty for any other.
     */
    public Optional<OneTransactionResume> oneTransactionToResume(UUID invoiceId) {
        return jdbc.query("""
                SELECT i.job_id, i.run_id, j.table_maps FROM sync_invoice i JOIN sync_job j ON j.job_id = i.job_id
                WHERE i.invoice_id = ? AND i.status = ? AND i.line_count <= ? AND i.run_id IS NOT NULL""",
                (rs, n) -> new OneTransactionResume(uuid(rs, "job_id"), uuid(rs, "run_id"),
                        List.of(rs.getString("table_maps").split(","))), invoiceId,
                InvoiceSyncStatus.IN_PROGRESS.name(), RealTimeSyncWithinLimit.MAX_REAL_TIME_LINES)
                .stream().findFirst();
    }

    /** The job the invoice was dispatched to, if one took it. */
    public Optional<UUID> jobOf(UUID invoiceId) {
        return invoiceSync(invoiceId).map(InvoiceSync::jobId);
    }

    /** A synced invoice, when and by which job: what a reconciliation on demand checks. */
    public record SyncedInvoice(UUID invoiceId, UUID jobId, Instant syncedAt) {
    }

    /** Synced invoices, oldest first; each filter (job, invoice, synced from, synced before) is optional. */
    public List<SyncedInvoice> synced(UUID jobId, UUID invoiceId, Instant since, Instant until) {
        return jdbc.query("""
                SELECT invoice_id, job_id, finished_at FROM sync_invoice
                WHERE status = ? AND (?::uuid IS NULL OR job_id = ?) AND (?::uuid IS NULL OR invoice_id = ?)
                  AND (?::timestamptz IS NULL OR finished_at >= ?) AND (?::timestamptz IS NULL OR finished_at < ?)
                ORDER BY finished_at, invoice_id""",
                (rs, n) -> new SyncedInvoice(uuid(rs, "invoice_id"), uuid(rs, "job_id"), instant(rs, "finished_at")),
                InvoiceSyncStatus.SYNCED.name(), jobId, jobId, invoiceId, invoiceId, ts(since), ts(since), ts(until),
                ts(until));
    }

    // ---- batches -----------------------------------------------------------------------------------------------

    public record AppliedBatch(String tableMap, int batchNumber, UUID jobId, UUID runId, int rowCount,
                               String sourceEventId, String appliedEventId, Instant appliedAt) {
    }

    /** The batches that brought an invoice's rows to Finance, in the order they came; one, when map and number name it. */
    public List<AppliedBatch> batchesOf(UUID invoiceId, String tableMap, int batchNumber) {
        return jdbc.query("""
                SELECT table_map, batch_number, job_id, run_id, row_count, source_event_id, applied_event_id, applied_at
                FROM sync_batch WHERE invoice_id = ? AND (?::text IS NULL OR (table_map = ? AND batch_number = ?))
                ORDER BY applied_at, array_position(?::text[], table_map), batch_number""",
                (rs, n) -> new AppliedBatch(rs.getString("table_map"), rs.getInt("batch_number"), uuid(rs, "job_id"),
                        uuid(rs, "run_id"), rs.getInt("row_count"), rs.getString("source_event_id"),
                        rs.getString("applied_event_id"), instant(rs, "applied_at")),
                invoiceId, tableMap, tableMap, batchNumber,
                TableMap.inSyncOrder().stream().map(TableMap::tableName).toArray(String[]::new));
    }

    // ---- errors ------------------------------------------------------------------------------------------------

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

    // ---- reconciliation ----------------------------------------------------------------------------------------

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

    // ---- columns -----------------------------------------------------------------------------------------------

    private static List<String> maps(String tableMaps) {
        return tableMaps == null || tableMaps.isBlank() ? List.of() : List.of(tableMaps.split(","));
    }

    private static ReconciliationStatus reconciliation(String status) {
        return status == null ? null : ReconciliationStatus.valueOf(status);
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
