package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.command.integrationjob.JobStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

/** Stopping a job needs a run to stop: the job active or paused. */
public record JobIsRunningOrPaused(JobStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status == null || !status.holdsARun();
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "The integration job is neither running nor paused (it is " + String.valueOf(status).toLowerCase()
                + "); there is nothing to stop";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
