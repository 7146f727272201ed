package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.query.sync.rules.CustomerIsNotOnHold;
import io.invoicesync.query.syncstate.ErrorCategory;
import io.invoicesync.query.syncstate.ErrorStatus;
import io.invoicesync.query.syncstate.SyncErrorReader;
import io.invoicesync.query.syncstate.SyncErrorReader.ErrorFilter;
import io.invoicesync.query.syncstate.SyncErrorReader.SyncError;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** G4: a job's failed records with category and cause, one by one or grouped by cause. Nothing is purged. */
@RestController
class JobErrorsController {

    private final SyncErrorReader errors;

    JobErrorsController(SyncErrorReader errors) {
        this.errors = errors;
    }

    /** {@code status}, {@code category} and {@code tableMap} filter. */
    @GetMapping("/api/integration-jobs/{jobId}/errors")
    Page<SyncError> errors(@PathVariable UUID jobId, @RequestParam(required = false) String status,
                           @RequestParam(required = false) String category,
                           @RequestParam(required = false) String tableMap,
                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        RequestChecks checks = new RequestChecks();
        ErrorCategory kind = checks.oneOf(ErrorCategory.class, category, "category", "error-category");
        checks.rule(tableMap == null || TableMap.byTableName(tableMap).isPresent(), "tableMap", "table-map",
                        "tableMap must be one of invoices, msdyn_actuals, msdyn_transactionconnections").verify();
        RequestChecks statusCheck = new RequestChecks();
        ErrorStatus state = statusCheck.oneOf(ErrorStatus.class, status, "status", "error-status");
        statusCheck.verify();
        return errors.errors(new ErrorFilter(jobId, null, state, kind, tableMap), Paging.of(page, size));
    }

    /** At most this many groups: past a few hundred causes, grouping has stopped helping anyone. */
    static final int GROUPS = 500;

    /** One cause and the invoices it holds up; {@code fix}: the change that removes the cause, where it is ours. */
    record Group(ErrorCategory category, String tableMap, String rule, String subject, String cause, long errors,
                 long invoices, Instant firstFailedAt, Instant lastFailedAt, List<UUID> invoiceIds, Fix fix) {
    }

    /** The request that removes a group's cause: a customer's hold released in Finance ({@code {"onHold":false}}). */
    record Fix(String action, String method, String path, String customerId) {

        static Fix of(SyncErrorReader.ErrorGroup group) {
            return CustomerIsNotOnHold.RULE.equals(group.rule()) && group.subject() != null
                    ? new Fix("release-customer-hold", "PUT", "/api/finance/customers/" + group.subject(),
                    group.subject())
                    : null;
        }
    }

    record Groups(UUID jobId, ErrorStatus status, List<Group> groups) {
    }

    /** The job's errors grouped by cause ({@code status}, default {@code OPEN}), to retry or dismiss a cause at once. */
    @GetMapping("/api/integration-jobs/{jobId}/errors/groups")
    Groups groups(@PathVariable UUID jobId, @RequestParam(required = false) String status) {
        RequestChecks checks = new RequestChecks();
        ErrorStatus state = checks.oneOf(ErrorStatus.class, status, "status", "error-status");
        checks.verify();
        ErrorStatus asked = state == null ? ErrorStatus.OPEN : state;
        return new Groups(jobId, asked, errors.errorGroups(jobId, asked, GROUPS).stream()
                .map(g -> new Group(g.category(), g.tableMap(), g.rule(), g.subject(), g.cause(), g.errors(),
                        g.invoices(), g.firstFailedAt(), g.lastFailedAt(), g.invoiceIds(), Fix.of(g)))
                .toList());
    }
}
