package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.query.syncstate.SyncProgressReader;
import io.invoicesync.query.syncstate.SyncProgressReader.Activity;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What was done to a job, with who and when. */
@RestController
class JobActivityController {

    private final SyncProgressReader progress;

    JobActivityController(SyncProgressReader progress) {
        this.progress = progress;
    }

    /**
     * Newest first: created, saved, runs, stops, retries and dismissals. A retry or dismissal of every failed invoice
     * has an empty list of ids; of many, the first 100.
     */
    @GetMapping("/api/integration-jobs/{jobId}/activity")
    Page<Activity> activity(@PathVariable UUID jobId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        JobsOf.require(progress, jobId);
        return progress.activity(jobId, paging);
    }
}
