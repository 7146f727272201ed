package io.invoicesync.kernel.parameters;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateDualWriteCoreSolution(SolutionVersion version) {

    @TargetAggregateIdentifier
    public String parametersId() {
        return ProjectParametersId.VALUE;
    }
}
