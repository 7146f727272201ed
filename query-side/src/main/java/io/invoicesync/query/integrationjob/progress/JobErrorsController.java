package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.query.syncstate.ErrorCategory;
import io.invoicesync.query.syncstate.ErrorStatus;
import io.invoicesync.query.syncstate.SyncProgressReader;
import io.invoicesync.query.syncstate.SyncProgressReader.ErrorFilter;
import io.invoicesync.query.syncstate.SyncProgressReader.SyncError;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** G4: a job's failed records with category and cause. Nothing is purged. */
@RestController
class JobErrorsController {

    private final SyncProgressReader progress;

    JobErrorsController(SyncProgressReader progress) {
        this.progress = progress;
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
        return progress.errors(new ErrorFilter(jobId, null, state, kind, tableMap), Paging.of(page, size));
    }
}
