package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    record Throughput(long rowsApplied, Instant firstAppliedAt, Instant lastAppliedAt, double rowsPerSecond) {
    }

    record JobProgress(UUID jobId, String name, String status, UUID runId, Instant startedAt, Instant stoppedAt,
                       List<MapProgress> tableMaps, Map<String, Long> invoices, long invoicesWaitingForARun,
                       long openErrors, Throughput throughput) {
    }

    record MapOfInvoice(String tableMap, int batches, long appliedBatches, long appliedRows, String state) {
    }

    record InvoiceProgress(UUID invoiceId, UUID jobId, UUID runId, String status, String mode, String currentMap,
                           int lineCount, int actualCount, int connectionCount, Instant confirmedAt,
                           Instant startedAt, Instant finishedAt, List<MapOfInvoice> tableMaps, List<SyncError> errors) {
    }

    record SyncError(long errorId, UUID invoiceId, UUID runId, String tableMap, int batchNumber, String recordId,
                     String category, String cause, String status, Instant failedAt, Instant resolvedAt) {
    }

    @GetMapping("/{jobId}")
    JobProgress job(@PathVariable UUID jobId) {
        JobProgress job = jdbc.query("SELECT job_id, name, status, run_id, started_at, stopped_at, table_maps "
                + "FROM sync_job WHERE job_id = ?", (rs, n) -> new JobProgress(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)), mapsOf(jobId, rs.getString(7)), null, 0, 0, null), jobId)
                .stream().findFirst().orElseThrow(() -> new NotFound("No integration job " + jobId));
        Map<String, Long> invoices = new LinkedHashMap<>();
        for (String status : List.of("IN_PROGRESS", "PAUSED", "SYNCED", "FAILED", "DISMISSED")) {
            invoices.put(status, 0L);
        }
        jdbc.query("SELECT status, count(*) FROM sync_invoice WHERE job_id = ? GROUP BY status",
                rs -> {
                    invoices.put(rs.getString(1), rs.getLong(2));
                }, jobId);
        long waiting = jdbc.queryForObject("SELECT count(*) FROM sync_invoice WHERE status = 'WAITING'", Long.class);
        long openErrors = jdbc.queryForObject("SELECT count(*) FROM sync_error WHERE job_id = ? AND status = 'OPEN'",
                Long.class, jobId);
        return new JobProgress(job.jobId(), job.name(), job.status(), job.runId(), job.startedAt(), job.stoppedAt(),
                job.tableMaps(), invoices, waiting, openErrors, throughput(jobId, job.runId()));
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
        if (runId == null) {
            return new Throughput(0, null, null, 0);
        }
        return jdbc.queryForObject("SELECT coalesce(sum(row_count), 0), min(applied_at), max(applied_at) "
                + "FROM sync_batch WHERE job_id = ? AND run_id = ?", (rs, n) -> {
            long rows = rs.getLong(1);
            Instant first = instant(rs.getTimestamp(2));
            Instant last = instant(rs.getTimestamp(3));
            double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
            return new Throughput(rows, first, last, seconds > 0 ? Math.round(rows / seconds * 10) / 10.0 : 0);
        }, jobId, runId);
    }

    /** One invoice's way through the job's maps: where it is, batch by batch, and its errors. */
    @GetMapping("/{jobId}/invoices/{invoiceId}")
    InvoiceProgress invoice(@PathVariable UUID jobId, @PathVariable UUID invoiceId) {
        return jdbc.query("""
                SELECT invoice_id, job_id, run_id, status, mode, current_map, line_count, actual_count,
                       connection_count, confirmed_at, started_at, finished_at, chunks
                FROM sync_invoice WHERE invoice_id = ? AND (job_id = ? OR job_id IS NULL)""", (rs, n) -> {
            int chunks = rs.getInt(13);
            String status = rs.getString(4);
            String currentMap = rs.getString(6);
            return new InvoiceProgress(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class), status, rs.getString(5), currentMap, rs.getInt(7), rs.getInt(8),
                    rs.getInt(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                    instant(rs.getTimestamp(12)), mapsOfInvoice(invoiceId, chunks, status, currentMap),
                    errors(jobId, invoiceId, null, Paging.of(0, Paging.MAX_SIZE)).content());
        }, invoiceId, jobId).stream().findFirst()
                .orElseThrow(() -> new NotFound("Invoice " + invoiceId + " is not in integration job " + jobId));
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
                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return errors(jobId, null, status, Paging.of(page, size));
    }

    private Page<SyncError> errors(UUID jobId, UUID invoiceId, String status, Paging paging) {
        new RequestChecks().rule(status == null || List.of("OPEN", "RETRIED", "DISMISSED").contains(status), "status",
                "error-status", "status must be one of OPEN, RETRIED, DISMISSED").verify();
        String where = " WHERE job_id = ? AND (?::uuid IS NULL OR invoice_id = ?) AND (?::text IS NULL OR status = ?)";
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_error" + where, Long.class, jobId, invoiceId,
                invoiceId, status, status);
        List<SyncError> content = jdbc.query("SELECT error_id, invoice_id, run_id, table_map, batch_number, record_id, "
                        + "category, cause, status, failed_at, resolved_at FROM sync_error" + where
                        + " ORDER BY error_id LIMIT ? OFFSET ?",
                (rs, n) -> new SyncError(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11))),
                jobId, invoiceId, invoiceId, status, status, paging.size(), paging.offset());
        return paging.of(content, total);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
