package io.invoicesync.command.parameters;

import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.parameters.TrackingMode;

/** What is set now; any part may be null when it was never set. */
public record PrerequisiteState(TrackingMode projectTaskTimeTracking, TrackingMode projectActualValuesTracking,
                                SolutionVersion coreSolutionVersion) {

    public static final PrerequisiteState NOTHING_SET = new PrerequisiteState(null, null, null);
}
