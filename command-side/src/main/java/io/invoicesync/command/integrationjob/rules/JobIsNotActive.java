package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.command.integrationjob.JobStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

public record JobIsNotActive(JobStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status == JobStatus.ACTIVE;
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "The integration job is active; stop it first (POST /api/integration-jobs/{id}/stop)";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
