package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.command.integrationjob.JobStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

/** A stopped job was saved before it ran, so it may run again. */
public record JobIsSaved(JobStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status == JobStatus.DRAFT;
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "The integration job is not saved; save it first (POST /api/integration-jobs/{id}/save)";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
