package io.invoicesync.command.parameters;

import io.invoicesync.command.parameters.rules.CoreSolutionSupportsAsyncInvoicing;
import io.invoicesync.command.parameters.rules.TrackingIsOnDemand;
import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.BusinessRuleViolation;
import java.util.List;
import java.util.function.Supplier;

/**
 * The preconditions Project Operations checks before async invoicing may run: both tracking parameters on On-Demand
 * update and a dual-write core solution at least the configured minimum. Each refusal says how to fix it.
 */
public class AsyncInvoicingPrerequisites {

    private final SolutionVersion minimumCoreSolution;
    private final Supplier<PrerequisiteState> current;

    public AsyncInvoicingPrerequisites(SolutionVersion minimumCoreSolution, Supplier<PrerequisiteState> current) {
        this.minimumCoreSolution = minimumCoreSolution;
        this.current = current;
    }

    public List<BusinessRule> rules() {
        PrerequisiteState state = current.get();
        return List.of(
                new TrackingIsOnDemand("projectTaskTimeTracking", "Project task time tracking",
                        state.projectTaskTimeTracking()),
                new TrackingIsOnDemand("projectActualValuesTracking", "Project actual values tracking",
                        state.projectActualValuesTracking()),
                new CoreSolutionSupportsAsyncInvoicing(state.coreSolutionVersion(), minimumCoreSolution));
    }

    /** Refuses naming every prerequisite unmet, not only the first. */
    public void verify() {
        BusinessRuleViolation.verifyAll(rules());
    }
}
