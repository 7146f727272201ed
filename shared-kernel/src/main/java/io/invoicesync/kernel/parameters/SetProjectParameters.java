package io.invoicesync.kernel.parameters;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetProjectParameters(TrackingMode projectTaskTimeTracking, TrackingMode projectActualValuesTracking) {

    @TargetAggregateIdentifier
    public String parametersId() {
        return ProjectParametersId.VALUE;
    }
}
