package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.command.integrationjob.JobStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

/** Editing or running the job again needs it to hold no run: neither active nor paused. */
public record JobIsNotActive(JobStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status != null && status.holdsARun();
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return status == JobStatus.PAUSED
                ? "The integration job is paused; resume it (POST /api/integration-jobs/{id}/resume) or stop it first"
                : "The integration job is active; stop it first (POST /api/integration-jobs/{id}/stop)";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
