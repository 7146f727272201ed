package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.query.reconciliation.Difference;
import io.invoicesync.query.reconciliation.Reconciler;
import io.invoicesync.query.reconciliation.Reconciliation;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** G4: a job's status and progress per table map and per invoice, while it runs; its failed records. */
@RestController
@RequestMapping("/api/integration-jobs")
class IntegrationJobProgressController {

    private final JdbcTemplate jdbc;

    IntegrationJobProgressController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record MapProgress(String tableMap, int position, long expectedRows, long appliedRows, long pendingRows,
                       long appliedBatches, long failedRecords) {
    }

    /**
     * Rows the job has written to Finance over all its runs ({@code rowsApplied}, what Finance holds from it), and the
     * current run's share with its pace: first and last batch written, rows per second in between.
     */
    record Throughput(long rowsApplied, long rowsAppliedThisRun, Instant firstAppliedAt, Instant lastAppliedAt,
                      double rowsPerSecond) {
    }

    record JobProgress(UUID jobId, String name, String status, UUID runId, Instant startedAt, Instant stoppedAt,
                       List<MapProgress> tableMaps, Map<String, Long> invoices, long invoicesWaitingForARun,
                       long openErrors, Throughput throughput, Map<String, Long> reconciliation) {
    }

    record MapOfInvoice(String tableMap, int batches, long appliedBatches, long appliedRows, String state) {
    }

    record InvoiceProgress(UUID invoiceId, UUID jobId, UUID runId, String status, String mode, String currentMap,
                           int lineCount, int actualCount, int connectionCount, Instant confirmedAt,
                           Instant startedAt, Instant finishedAt, List<MapOfInvoice> tableMaps, List<SyncError> errors,
                           InvoiceReconciliation reconciliation) {
    }

    /** The last check of a synced invoice against its source; null until it was checked. */
    record InvoiceReconciliation(String status, List<Difference> differences, Instant checkedAt) {
    }

    record SyncError(long errorId, UUID invoiceId, UUID runId, String tableMap, int batchNumber, String recordId,
                     String category, String cause, String status, Instant failedAt, Instant resolvedAt) {
    }

    /** A sync error's kind: the sync's own, or a reconciliation that found Finance differing from the source. */
    static final List<String> ERROR_CATEGORIES = List.of("APPLICATION", "SYSTEM", Reconciler.CATEGORY);
    /** RESOLVED: a reconciliation mismatch that a later check found agreeing. */
    static final List<String> ERROR_STATUSES = List.of("OPEN", "RETRIED", "DISMISSED", "RESOLVED");
    static final List<String> JOB_STATUSES = List.of("DRAFT", "SAVED", "ACTIVE", "STOPPED");
    static final List<String> INVOICE_STATUSES = List.of("WAITING", "IN_PROGRESS", "PAUSED", "SYNCED", "FAILED",
            "DISMISSED");
    /** The states an invoice has once a job took it: a job's counts. */
    private static final List<String> JOB_INVOICE_STATES = INVOICE_STATUSES.subList(1, INVOICE_STATUSES.size());

    record JobSummary(UUID jobId, String name, String status, UUID runId, Instant createdAt, Instant startedAt,
                      Instant stoppedAt, List<String> tableMaps, Map<String, Long> invoices, long openErrors) {
    }

    /** Every integration job, newest first; {@code status} filters. */
    @GetMapping
    Page<JobSummary> jobs(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size) {
        new RequestChecks().rule(status == null || JOB_STATUSES.contains(status), "status", "job-status",
                "status must be one of " + String.join(", ", JOB_STATUSES)).verify();
        Paging paging = Paging.of(page, size);
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_job WHERE (?::text IS NULL OR status = ?)",
                Long.class, status, status);
        // One round trip for the page (the console polls it each second): each job's invoices by state, in columns.
        String counts = JOB_INVOICE_STATES.stream()
                .map(state -> "count(*) FILTER (WHERE i.status = '" + state + "')").collect(Collectors.joining(", "));
        List<JobSummary> jobs = jdbc.query("""
                SELECT j.job_id, j.name, j.status, j.run_id, j.created_at, j.started_at, j.stopped_at, j.table_maps,
                       (SELECT count(*) FROM sync_error e WHERE e.job_id = j.job_id AND e.status = 'OPEN'), c.*
                FROM sync_job j
                LEFT JOIN LATERAL (SELECT %s FROM sync_invoice i WHERE i.job_id = j.job_id) c ON true
                WHERE (?::text IS NULL OR j.status = ?)
                ORDER BY j.created_at DESC, j.job_id LIMIT ? OFFSET ?""".formatted(counts), (rs, n) -> {
            Map<String, Long> invoices = new LinkedHashMap<>();
            for (int i = 0; i < JOB_INVOICE_STATES.size(); i++) {
                invoices.put(JOB_INVOICE_STATES.get(i), rs.getLong(10 + i));
            }
            String maps = rs.getString(8);
            return new JobSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getObject(4, UUID.class), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                    instant(rs.getTimestamp(7)), maps == null || maps.isBlank() ? List.of() : List.of(maps.split(",")),
                    invoices, rs.getLong(9));
        }, status, status, paging.size(), paging.offset());
        return paging.of(jobs, total);
    }

    record InvoiceOfJob(UUID invoiceId, String status, String mode, String currentMap, int lineCount,
                        long expectedRows, long appliedRows, Instant confirmedAt, Instant startedAt,
                        Instant finishedAt, Instant updatedAt, long openErrors, String reconciliation) {
    }

    /**
     * The job's invoices, most recently changed first; {@code status} filters. WAITING lists the invoices confirmed
     * while no job ran, which this job's next run takes.
     */
    @GetMapping("/{jobId}/invoices")
    Page<InvoiceOfJob> invoices(@PathVariable UUID jobId, @RequestParam(required = false) String status,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        new RequestChecks().rule(status == null || INVOICE_STATUSES.contains(status), "status", "invoice-status",
                "status must be one of " + String.join(", ", INVOICE_STATUSES)).verify();
        Paging paging = Paging.of(page, size);
        requireJob(jobId);
        String where = " WHERE (i.job_id = ? OR (i.job_id IS NULL AND i.status = 'WAITING')) "
                + "AND (?::text IS NULL OR i.status = ?)";
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_invoice i" + where, Long.class, jobId, status,
                status);
        List<InvoiceOfJob> invoices = jdbc.query("""
                SELECT i.invoice_id, i.status, i.mode, i.current_map, i.line_count,
                       i.line_count + 1 + i.actual_count + i.connection_count,
                       (SELECT coalesce(sum(b.row_count), 0) FROM sync_batch b WHERE b.invoice_id = i.invoice_id),
                       i.confirmed_at, i.started_at, i.finished_at, i.updated_at,
                       (SELECT count(*) FROM sync_error e WHERE e.invoice_id = i.invoice_id AND e.status = 'OPEN'),
                       (SELECT r.status FROM sync_reconciliation r WHERE r.invoice_id = i.invoice_id)
                FROM sync_invoice i""" + where + " ORDER BY i.updated_at DESC, i.invoice_id LIMIT ? OFFSET ?",
                (rs, n) -> new InvoiceOfJob(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                        rs.getLong(12), rs.getString(13)),
                jobId, status, status, paging.size(), paging.offset());
        return paging.of(invoices, total);
    }

    record Activity(Instant at, String action, String user, UUID runId, Integer invoiceCount,
                    List<UUID> invoiceIds) {
    }

    /**
     * What was done to the job, newest first: created, saved, runs, stops, retries and dismissals, with who and when.
     * A retry or dismissal of every failed invoice has an empty list of ids; of many, the first 100.
     */
    @GetMapping("/{jobId}/activity")
    Page<Activity> activity(@PathVariable UUID jobId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        requireJob(jobId);
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_activity WHERE job_id = ?", Long.class, jobId);
        List<Activity> activity = jdbc.query("""
                SELECT occurred_at, action, actor, run_id, invoice_count, invoice_ids FROM sync_activity
                WHERE job_id = ? ORDER BY occurred_at DESC, event_id LIMIT ? OFFSET ?""", (rs, n) -> {
            String ids = rs.getString(6);
            return new Activity(instant(rs.getTimestamp(1)), rs.getString(2), rs.getString(3),
                    rs.getObject(4, UUID.class), (Integer) rs.getObject(5), ids == null ? null : ids.isEmpty()
                            ? List.of() : Arrays.stream(ids.split(",")).map(UUID::fromString).toList());
        }, jobId, paging.size(), paging.offset());
        return paging.of(activity, total);
    }

    private void requireJob(UUID jobId) {
        if (jdbc.queryForObject("SELECT count(*) FROM sync_job WHERE job_id = ?", Long.class, jobId) == 0) {
            throw new NotFound("No integration job " + jobId);
        }
    }

    private Map<String, Long> invoiceCounts(UUID jobId) {
        Map<String, Long> invoices = new LinkedHashMap<>();
        JOB_INVOICE_STATES.forEach(state -> invoices.put(state, 0L));
        jdbc.query("SELECT status, count(*) FROM sync_invoice WHERE job_id = ? GROUP BY status",
                rs -> {
                    invoices.put(rs.getString(1), rs.getLong(2));
                }, jobId);
        return invoices;
    }

    @GetMapping("/{jobId}")
    JobProgress job(@PathVariable UUID jobId) {
        JobProgress job = jdbc.query("SELECT job_id, name, status, run_id, started_at, stopped_at, table_maps "
                + "FROM sync_job WHERE job_id = ?", (rs, n) -> new JobProgress(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)), mapsOf(jobId, rs.getString(7)), null, 0, 0, null, null), jobId)
                .stream().findFirst().orElseThrow(() -> new NotFound("No integration job " + jobId));
        Map<String, Long> invoices = invoiceCounts(jobId);
        long waiting = jdbc.queryForObject("SELECT count(*) FROM sync_invoice WHERE status = 'WAITING'", Long.class);
        long openErrors = jdbc.queryForObject("SELECT count(*) FROM sync_error WHERE job_id = ? AND status = 'OPEN'",
                Long.class, jobId);
        return new JobProgress(job.jobId(), job.name(), job.status(), job.runId(), job.startedAt(), job.stoppedAt(),
                job.tableMaps(), invoices, waiting, openErrors, throughput(jobId, job.runId()),
                reconciliationCounts(jobId));
    }

    /** The job's synced invoices by their last check: RECONCILED, MISMATCH, or UNCHECKED (not checked yet). */
    private Map<String, Long> reconciliationCounts(UUID jobId) {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE r.status = 'RECONCILED'), count(*) FILTER (WHERE r.status = 'MISMATCH'),
                       count(*) FILTER (WHERE r.status IS NULL)
                FROM sync_invoice i LEFT JOIN sync_reconciliation r ON r.invoice_id = i.invoice_id
                WHERE i.job_id = ? AND i.status = 'SYNCED'""", (rs, n) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(Reconciliation.RECONCILED, rs.getLong(1));
            counts.put(Reconciliation.MISMATCH, rs.getLong(2));
            counts.put("UNCHECKED", rs.getLong(3));
            return counts;
        }, jobId);
    }

    private List<MapProgress> mapsOf(UUID jobId, String tableMaps) {
        List<MapProgress> maps = new ArrayList<>();
        if (tableMaps == null || tableMaps.isBlank()) {
            return maps;
        }
        List<String> names = Arrays.asList(tableMaps.split(","));
        for (int i = 0; i < names.size(); i++) {
            String map = names.get(i);
            String expected = switch (TableMap.byTableName(map).orElseThrow()) {
                case INVOICES -> "line_count + 1";
                case ACTUALS -> "actual_count";
                case TRANSACTION_CONNECTIONS -> "connection_count";
            };
            long expectedRows = jdbc.queryForObject("SELECT coalesce(sum(" + expected + "), 0) FROM sync_invoice "
                    + "WHERE job_id = ? AND status <> 'DISMISSED'", Long.class, jobId);
            long[] applied = jdbc.queryForObject("SELECT count(*), coalesce(sum(b.row_count), 0) FROM sync_batch b "
                            + "JOIN sync_invoice i ON i.invoice_id = b.invoice_id "
                            + "WHERE i.job_id = ? AND i.status <> 'DISMISSED' AND b.table_map = ?",
                    (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}, jobId, map);
            long failed = jdbc.queryForObject("SELECT count(*) FROM sync_error WHERE job_id = ? AND table_map = ? "
                    + "AND status = 'OPEN'", Long.class, jobId, map);
            maps.add(new MapProgress(map, i + 1, expectedRows, applied[1], Math.max(0, expectedRows - applied[1]),
                    applied[0], failed));
        }
        return maps;
    }

    private Throughput throughput(UUID jobId, UUID runId) {
        long allRuns = jdbc.queryForObject("SELECT coalesce(sum(row_count), 0) FROM sync_batch WHERE job_id = ?",
                Long.class, jobId);
        if (runId == null) {
            return new Throughput(allRuns, 0, null, null, 0);
        }
        return jdbc.queryForObject("SELECT coalesce(sum(row_count), 0), min(applied_at), max(applied_at) "
                + "FROM sync_batch WHERE job_id = ? AND run_id = ?", (rs, n) -> {
            long rows = rs.getLong(1);
            Instant first = instant(rs.getTimestamp(2));
            Instant last = instant(rs.getTimestamp(3));
            double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
            return new Throughput(allRuns, rows, first, last,
                    seconds > 0 ? Math.round(rows / seconds * 10) / 10.0 : 0);
        }, jobId, runId);
    }

    /** One invoice's way through the job's maps: where it is, batch by batch, and its errors. */
    @GetMapping("/{jobId}/invoices/{invoiceId}")
    InvoiceProgress invoice(@PathVariable UUID jobId, @PathVariable UUID invoiceId) {
        return jdbc.query("""
                SELECT invoice_id, job_id, run_id, status, mode, current_map, line_count, actual_count,
                       connection_count, confirmed_at, started_at, finished_at, chunks
                FROM sync_invoice WHERE invoice_id = ? AND job_id = ?""", (rs, n) -> {
            int chunks = rs.getInt(13);
            String status = rs.getString(4);
            String currentMap = rs.getString(6);
            return new InvoiceProgress(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class), status, rs.getString(5), currentMap, rs.getInt(7), rs.getInt(8),
                    rs.getInt(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                    instant(rs.getTimestamp(12)), mapsOfInvoice(invoiceId, chunks, status, currentMap),
                    errors(jobId, invoiceId, null, Paging.of(0, Paging.MAX_SIZE)).content(),
                    reconciliationOf(invoiceId));
        }, invoiceId, jobId).stream().findFirst()
                .orElseThrow(() -> new NotFound("Invoice " + invoiceId + " is not in integration job " + jobId));
    }

    private InvoiceReconciliation reconciliationOf(UUID invoiceId) {
        return jdbc.query("SELECT status, differences, checked_at FROM sync_reconciliation WHERE invoice_id = ?",
                (rs, n) -> new InvoiceReconciliation(rs.getString(1), Reconciler.decode(rs.getString(2)),
                        instant(rs.getTimestamp(3))), invoiceId).stream().findFirst().orElse(null);
    }

    private List<MapOfInvoice> mapsOfInvoice(UUID invoiceId, int chunks, String status, String currentMap) {
        List<MapOfInvoice> maps = new ArrayList<>();
        for (TableMap map : TableMap.values()) {
            long[] applied = jdbc.queryForObject("SELECT count(*), coalesce(sum(row_count), 0) FROM sync_batch "
                    + "WHERE invoice_id = ? AND table_map = ?", (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)},
                    invoiceId, map.tableName());
            String state = applied[0] == chunks ? "APPLIED"
                    : map.tableName().equals(currentMap) ? status : applied[0] > 0 ? "IN_PROGRESS" : "PENDING";
            maps.add(new MapOfInvoice(map.tableName(), chunks, applied[0], applied[1], state));
        }
        return maps;
    }

    /** Failed records with category and cause; {@code status} filters (OPEN, RETRIED, DISMISSED). Nothing is purged. */
    @GetMapping("/{jobId}/errors")
    Page<SyncError> errors(@PathVariable UUID jobId, @RequestParam(required = false) String status,
                           @RequestParam(required = false) String category,
                           @RequestParam(required = false) String tableMap,
                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        new RequestChecks()
                .rule(category == null || ERROR_CATEGORIES.contains(category), "category",
                        "error-category", "category must be one of " + String.join(", ", ERROR_CATEGORIES))
                .rule(tableMap == null || TableMap.byTableName(tableMap).isPresent(), "tableMap", "table-map",
                        "tableMap must be one of invoices, msdyn_actuals, msdyn_transactionconnections")
                .verify();
        return errors(jobId, null, status, category, tableMap, Paging.of(page, size));
    }

    private Page<SyncError> errors(UUID jobId, UUID invoiceId, String status, Paging paging) {
        return errors(jobId, invoiceId, status, null, null, paging);
    }

    private Page<SyncError> errors(UUID jobId, UUID invoiceId, String status, String category, String tableMap,
                                   Paging paging) {
        new RequestChecks().rule(status == null || ERROR_STATUSES.contains(status), "status",
                "error-status", "status must be one of " + String.join(", ", ERROR_STATUSES)).verify();
        String where = " WHERE job_id = ? AND (?::uuid IS NULL OR invoice_id = ?) AND (?::text IS NULL OR status = ?)"
                + " AND (?::text IS NULL OR category = ?) AND (?::text IS NULL OR table_map = ?)";
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_error" + where, Long.class, jobId, invoiceId,
                invoiceId, status, status, category, category, tableMap, tableMap);
        List<SyncError> content = jdbc.query("SELECT error_id, invoice_id, run_id, table_map, batch_number, record_id, "
                        + "category, cause, status, failed_at, resolved_at FROM sync_error" + where
                        + " ORDER BY error_id LIMIT ? OFFSET ?",
                (rs, n) -> new SyncError(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11))),
                jobId, invoiceId, invoiceId, status, status, category, category, tableMap, tableMap, paging.size(),
                paging.offset());
        return paging.of(content, total);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
