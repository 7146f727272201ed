package io.invoicesync.query.reconciliation;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.platform.web.input.BusinessDate;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation over HTTP: the recorded outcomes (each synced invoice is checked automatically), and a check made
 * again now for a job, an invoice or the invoices synced in a date range. Dates are UTC days: {@code since} from its
 * start, {@code until} up to its start.
 */
@RestController
@RequestMapping("/api/reconciliations")
class ReconciliationController {

    private final JdbcTemplate jdbc;
    private final ReconciliationRuns runs;

    ReconciliationController(JdbcTemplate jdbc, ReconciliationRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    record ReconcileRequest(UUID jobId, UUID invoiceId, @BusinessDate LocalDate since, @BusinessDate LocalDate until) {
    }

    record Recorded(UUID invoiceId, UUID jobId, String status, List<Difference> differences, Instant syncedAt,
                    Instant checkedAt) {
    }

    /**
     * Checks the selected synced invoices now (all of them when nothing is named) and records each outcome; answers
     * the counts and the first 100 mismatches in full.
     */
    @PostMapping
    @Operation(summary = "Reconcile synced invoices now: a job's, one, or those synced in a date range")
    ReconciliationRuns.Summary reconcile(@Valid @RequestBody(required = false) ReconcileRequest request) {
        ReconcileRequest r = request == null ? new ReconcileRequest(null, null, null, null) : request;
        checkRange(r.since(), r.until());
        return runs.run(new ReconciliationRuns.Selection(r.jobId(), r.invoiceId(), startOf(r.since()),
                startOf(r.until())), ReconciliationRuns.Progress.NONE);
    }

    /** The recorded outcomes, most recently checked first; every filter is optional. */
    @GetMapping
    @Operation(summary = "Recorded reconciliations, by job, invoice, status or the day they were synced")
    Page<Recorded> recorded(@RequestParam(required = false) UUID jobId, @RequestParam(required = false) UUID invoiceId,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) LocalDate since,
                            @RequestParam(required = false) LocalDate until,
                            @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        new RequestChecks().rule(status == null || Reconciliation.STATUSES.contains(status), "status",
                "reconciliation-status", "status must be one of " + String.join(", ", Reconciliation.STATUSES))
                .verify();
        checkRange(since, until);
        Paging paging = Paging.of(page, size);
        String where = " WHERE (?::uuid IS NULL OR job_id = ?) AND (?::uuid IS NULL OR invoice_id = ?)"
                + " AND (?::text IS NULL OR status = ?) AND (?::timestamptz IS NULL OR synced_at >= ?)"
                + " AND (?::timestamptz IS NULL OR synced_at < ?)";
        Object[] filters = {jobId, jobId, invoiceId, invoiceId, status, status, ts(since), ts(since), ts(until),
                ts(until)};
        long total = jdbc.queryForObject("SELECT count(*) FROM sync_reconciliation" + where, Long.class, filters);
        Object[] withPage = Stream.concat(Arrays.stream(filters),
                Stream.of(paging.size(), paging.offset())).toArray();
        List<Recorded> recorded = jdbc.query("SELECT invoice_id, job_id, status, differences, synced_at, checked_at "
                        + "FROM sync_reconciliation" + where + " ORDER BY checked_at DESC, invoice_id LIMIT ? OFFSET ?",
                (rs, n) -> new Recorded(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        Reconciler.decode(rs.getString(4)),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant()), withPage);
        return paging.of(recorded, total);
    }

    private static void checkRange(LocalDate since, LocalDate until) {
        new RequestChecks().rule(since == null || until == null || since.isBefore(until), "until", "date-range",
                "until must be after since").verify();
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Timestamp ts(LocalDate day) {
        return day == null ? null : Timestamp.from(startOf(day));
    }
}
