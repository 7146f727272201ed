package io.invoicesync.kernel.parameters;

public sealed interface ProjectParametersEvent permits ProjectParametersSet, DualWriteCoreSolutionUpdated {
}
