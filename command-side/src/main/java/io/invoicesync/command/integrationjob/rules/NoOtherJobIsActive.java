package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.Optional;
import java.util.UUID;

/** Two active jobs would both claim every confirmed proforma; one job at a time owns the three table maps. */
public record NoOtherJobIsActive(UUID jobId, Optional<UUID> activeJob) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return activeJob.isPresent() && !activeJob.get().equals(jobId);
    }

    @Override
    public String field() {
        return "jobId";
    }

    @Override
    public String message() {
        return "Integration job " + activeJob.orElse(null) + " is already active with these table maps; stop it "
                + "before running another";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
