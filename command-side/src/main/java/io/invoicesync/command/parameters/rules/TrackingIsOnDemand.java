package io.invoicesync.command.parameters.rules;

import io.invoicesync.kernel.parameters.TrackingMode;
import io.invoicesync.kernel.rules.BusinessRule;

public record TrackingIsOnDemand(String field, String parameter, TrackingMode mode) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return mode != TrackingMode.ON_DEMAND_UPDATE;
    }

    @Override
    public String message() {
        return parameter + " is " + (mode == null ? "not set" : "Real-time")
                + "; async invoicing needs it on On-Demand update: PUT /api/parameters with " + field
                + " = ON_DEMAND_UPDATE, then run the job again";
    }
}
