package io.invoicesync.query.reconciliation;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.platform.web.input.BusinessDate;
import io.invoicesync.query.syncstate.ReconciliationReader;
import io.invoicesync.query.syncstate.ReconciliationReader.RecordedReconciliation;
import io.invoicesync.query.syncstate.ReconciliationStatus;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
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

    private final ReconciliationReader reconciliations;
    private final ReconciliationRuns runs;

    ReconciliationController(ReconciliationReader reconciliations, ReconciliationRuns runs) {
        this.reconciliations = reconciliations;
        this.runs = runs;
    }

    record ReconcileRequest(UUID jobId, UUID invoiceId, @BusinessDate LocalDate since, @BusinessDate LocalDate until) {
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
    Page<RecordedReconciliation> recorded(@RequestParam(required = false) UUID jobId,
                                          @RequestParam(required = false) UUID invoiceId,
                                          @RequestParam(required = false) String status,
                                          @RequestParam(required = false) LocalDate since,
                                          @RequestParam(required = false) LocalDate until,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        List<String> recorded = Reconciliation.STATUSES.stream().map(Enum::name).toList();
        new RequestChecks().rule(status == null || recorded.contains(status), "status", "reconciliation-status",
                "status must be one of " + String.join(", ", recorded)).verify();
        checkRange(since, until);
        return reconciliations.reconciliations(jobId, invoiceId, status == null ? null : ReconciliationStatus.valueOf(status),
                startOf(since), startOf(until), Paging.of(page, size));
    }

    private static void checkRange(LocalDate since, LocalDate until) {
        new RequestChecks().rule(since == null || until == null || since.isBefore(until), "until", "date-range",
                "until must be after since").verify();
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
