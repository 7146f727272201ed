package io.invoicesync.kernel.parameters;

public record ProjectParametersSet(String projectTaskTimeTracking, String projectActualValuesTracking)
        implements ProjectParametersEvent {
}
