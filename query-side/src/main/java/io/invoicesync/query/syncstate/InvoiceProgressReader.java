package io.invoicesync.query.syncstate;

import static io.invoicesync.query.syncstate.Columns.instant;
import static io.invoicesync.query.syncstate.Columns.reconciliation;
import static io.invoicesync.query.syncstate.Columns.ts;
import static io.invoicesync.query.syncstate.Columns.uuid;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.sync.RealTimeSyncWithinLimit;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sync's progress by invoice, as {@link SyncProgressTables} writes it: where an invoice is on its way to Finance,
 * the invoices of a job, the batches Finance has written, the invoices synced in a span.
 */
@Component
public class InvoiceProgressReader {

    private final JdbcTemplate jdbc;
    private final SyncErrorReader errors;
    private final ReconciliationReader reconciliations;

    public InvoiceProgressReader(JdbcTemplate jdbc, SyncErrorReader errors, ReconciliationReader reconciliations) {
        this.jdbc = jdbc;
        this.errors = errors;
        this.reconciliations = reconciliations;
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
    /**
     * One invoice's sync; {@code financeHasRows} says whether Finance holds any of its rows yet (the proposal comes
     * first, so its trace can be asked for), so that a page asks for that trace only then.
     */
    public record InvoiceProgress(UUID invoiceId, UUID jobId, UUID runId, InvoiceSyncStatus status, String mode,
                                  String currentMap, int lineCount, int actualCount, int connectionCount,
                                  Instant confirmedAt, Instant startedAt, Instant finishedAt,
                                  List<MapOfInvoice> tableMaps, boolean financeHasRows,
                                  List<SyncErrorReader.SyncError> errors,
                                  ReconciliationReader.InvoiceReconciliation reconciliation, BusinessContext context) {
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
                    errors.errors(new SyncErrorReader.ErrorFilter(jobId, invoiceId, null, null, null),
                            Paging.of(0, Paging.MAX_SIZE)).content(),
                    reconciliations.reconciliationOf(invoiceId).orElse(null), BusinessContext.of(rs));
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
}
