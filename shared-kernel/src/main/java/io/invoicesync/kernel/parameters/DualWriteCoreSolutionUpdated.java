package io.invoicesync.kernel.parameters;

public record DualWriteCoreSolutionUpdated(String version) implements ProjectParametersEvent {
}
