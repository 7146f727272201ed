package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.command.integrationjob.JobStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

/** Resuming a job needs it paused. */
public record JobIsPaused(JobStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status != JobStatus.PAUSED;
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "The integration job is not paused (it is " + String.valueOf(status).toLowerCase()
                + "); there is nothing to resume";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
