package io.invoicesync.query.integrationjob;

import io.invoicesync.kernel.sync.JobCatchUpEstimated;
import io.invoicesync.query.syncstate.CoordinatorTables;
import io.invoicesync.query.syncstate.CoordinatorTables.ActiveRun;
import io.invoicesync.query.syncstate.SyncProgressReader;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How long a resume's catch-up should take: the rows its invoices still have to write, at the pace the job last
 * wrote Finance at (its last {@link #PACE_WINDOW} of writing before the pause, so a long pause does not make the pace
 * zero). A job that never wrote goes by any job's pace over the same window; with none at all there is no estimate.
 */
@Component
class CatchUpEstimate {

    static final Duration PACE_WINDOW = Duration.ofMinutes(10);

    private final SyncProgressReader progress;

    CatchUpEstimate(SyncProgressReader progress) {
        this.progress = progress;
    }

    JobCatchUpEstimated of(ActiveRun run, Instant resumedAt, CoordinatorTables.CatchUp catchUp) {
        long rows = catchUp.invoiceIds().isEmpty() ? 0
                : Math.max(0, catchUp.rows() - progress.rowsApplied(catchUp.invoiceIds()));
        SyncProgressReader.RecentRate pace = progress.lastPace(run.jobId(), PACE_WINDOW);
        double perSecond = Math.round(pace.rowsPerSecond() * 10) / 10.0;
        Long seconds = rows == 0 ? Long.valueOf(0) : perSecond > 0 ? (long) Math.ceil(rows / perSecond) : null;
        return new JobCatchUpEstimated(run.jobId(), run.runId(), resumedAt, catchUp.invoiceIds().size(), rows,
                perSecond, seconds);
    }
}
