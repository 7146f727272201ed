package io.invoicesync.command.parameters.rules;

import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.rules.BusinessRule;

public record CoreSolutionSupportsAsyncInvoicing(SolutionVersion installed, SolutionVersion minimum)
        implements BusinessRule {

    @Override
    public boolean isBroken() {
        return installed == null || !installed.isAtLeast(minimum);
    }

    @Override
    public String field() {
        return "coreSolutionVersion";
    }

    @Override
    public String message() {
        return "The installed dual-write core solution is " + (installed == null ? "unknown" : installed.value())
                + "; async invoicing needs " + minimum.value() + " or later: upgrade it and record the version with "
                + "PUT /api/dual-write/core-solution, then run the job again";
    }
}
