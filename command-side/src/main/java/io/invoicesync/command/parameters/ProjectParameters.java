package io.invoicesync.command.parameters;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.invoicesync.kernel.parameters.DualWriteCoreSolutionUpdated;
import io.invoicesync.kernel.parameters.ProjectParametersId;
import io.invoicesync.kernel.parameters.ProjectParametersSet;
import io.invoicesync.kernel.parameters.SetProjectParameters;
import io.invoicesync.kernel.parameters.UpdateDualWriteCoreSolution;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** The installation's project parameters and the installed dual-write core solution: one aggregate, a fixed id. */
@Aggregate
public class ProjectParameters {

    @AggregateIdentifier
    private String parametersId;

    protected ProjectParameters() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void decide(SetProjectParameters command) {
        apply(new ProjectParametersSet(command.projectTaskTimeTracking().name(),
                command.projectActualValuesTracking().name()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void decide(UpdateDualWriteCoreSolution command) {
        apply(new DualWriteCoreSolutionUpdated(command.version().value()));
    }

    @EventSourcingHandler
    void evolve(ProjectParametersSet event) {
        parametersId = ProjectParametersId.VALUE;
    }

    @EventSourcingHandler
    void evolve(DualWriteCoreSolutionUpdated event) {
        parametersId = ProjectParametersId.VALUE;
    }
}
