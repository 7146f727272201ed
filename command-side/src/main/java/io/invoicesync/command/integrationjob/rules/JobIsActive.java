package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.command.integrationjob.JobStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

/** Pausing a job needs it running. */
public record JobIsActive(JobStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status != JobStatus.ACTIVE;
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "The integration job is not running (it is " + status.name().toLowerCase()
                + "); there is nothing to pause";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
