package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.query.syncstate.JobStatus;
import io.invoicesync.query.syncstate.SyncProgressReader;
import io.invoicesync.query.syncstate.SyncProgressReader.JobProgress;
import io.invoicesync.query.syncstate.SyncProgressReader.JobSummary;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** G4: the integration jobs, and one job's status and progress per table map while it runs. */
@RestController
@RequestMapping("/api/integration-jobs")
class JobsController {

    private final SyncProgressReader progress;

    JobsController(SyncProgressReader progress) {
        this.progress = progress;
    }

    /** Every integration job, newest first; {@code status} filters. */
    @GetMapping
    Page<JobSummary> jobs(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                          @RequestParam(required = false) Integer size) {
        RequestChecks checks = new RequestChecks();
        JobStatus state = checks.oneOf(JobStatus.class, status, "status", "job-status");
        checks.verify();
        return progress.jobs(state, Paging.of(page, size));
    }

    @GetMapping("/{jobId}")
    JobProgress job(@PathVariable UUID jobId) {
        return progress.job(jobId).orElseThrow(() -> new NotFound("No integration job " + jobId));
    }
}
