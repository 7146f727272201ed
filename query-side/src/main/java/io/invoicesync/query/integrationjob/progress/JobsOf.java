package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.platform.web.NotFound;
import io.invoicesync.query.syncstate.SyncProgressReader;
import java.util.UUID;

/** A job's sub-resources answer 404 for a job that does not exist, not an empty page. */
final class JobsOf {

    private JobsOf() {
    }

    static void require(SyncProgressReader progress, UUID jobId) {
        if (!progress.jobExists(jobId)) {
            throw new NotFound("No integration job " + jobId);
        }
    }
}
