package io.invoicesync.query.integrationjob.preflight;

import io.invoicesync.platform.web.NotFound;
import io.invoicesync.query.syncstate.SyncProgressReader;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/integration-jobs/{id}/preflight}: what the job's next run would meet, before running it or at any
 * time. A POST because it is an action a person takes (it reads every waiting invoice's confirmation), though it
 * writes nothing: a finance reader may ask it as well as an admin.
 */
@RestController
class PreflightController {

    private final Preflight preflight;
    private final SyncProgressReader progress;

    PreflightController(Preflight preflight, SyncProgressReader progress) {
        this.preflight = preflight;
        this.progress = progress;
    }

    @PostMapping("/api/integration-jobs/{jobId}/preflight")
    Preflight.Report check(@PathVariable UUID jobId) {
        if (progress.job(jobId).isEmpty()) {
            throw new NotFound("No integration job " + jobId);
        }
        return preflight.check(jobId);
    }
}
