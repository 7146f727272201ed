package io.invoicesync.command.parameters;

import io.invoicesync.kernel.parameters.SetProjectParameters;
import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.parameters.TrackingMode;
import io.invoicesync.kernel.parameters.UpdateDualWriteCoreSolution;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ParametersController {

    private final CommandGateway commands;

    ParametersController(CommandGateway commands) {
        this.commands = commands;
    }

    /** Values: REAL_TIME or ON_DEMAND_UPDATE (Project Operations' "Real-time" and "On-Demand update"). */
    record ParametersRequest(
            @NotNull @Pattern(regexp = TrackingMode.PATTERN, message = "must be one of " + TrackingMode.CHOICES)
            String projectTaskTimeTracking,
            @NotNull @Pattern(regexp = TrackingMode.PATTERN, message = "must be one of " + TrackingMode.CHOICES)
            String projectActualValuesTracking) {
    }

    /** The version as a JSON string of dotted numbers: 1.0 as a JSON number is refused, it is not the same version. */
    record CoreSolutionRequest(@NotNull @Pattern(regexp = SolutionVersion.PATTERN,
            message = "must be a dotted version such as 1.0.24093.1") String version) {
    }

    @PutMapping("/api/parameters")
    ParametersRequest setParameters(@Valid @RequestBody ParametersRequest request) {
        commands.sendAndWait(new SetProjectParameters(TrackingMode.valueOf(request.projectTaskTimeTracking()),
                TrackingMode.valueOf(request.projectActualValuesTracking())));
        return request;
    }

    @PutMapping("/api/dual-write/core-solution")
    CoreSolutionRequest setCoreSolution(@Valid @RequestBody CoreSolutionRequest request) {
        commands.sendAndWait(new UpdateDualWriteCoreSolution(new SolutionVersion(request.version())));
        return request;
    }
}
