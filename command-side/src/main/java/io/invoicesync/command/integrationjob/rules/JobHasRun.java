package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.UUID;

/** Only a job that has run can have failed records to retry or dismiss. */
public record JobHasRun(UUID runId) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return runId == null;
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "The integration job has never run, so it has no failed records to retry or dismiss";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
