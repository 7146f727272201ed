package io.invoicesync.command.parameters;

import io.invoicesync.kernel.parameters.SetProjectParameters;
import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.parameters.TrackingMode;
import io.invoicesync.kernel.parameters.UpdateDualWriteCoreSolution;
import io.invoicesync.platform.web.RequestChecks;
import java.util.Arrays;
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
    record ParametersRequest(String projectTaskTimeTracking, String projectActualValuesTracking) {
    }

    record CoreSolutionRequest(String version) {
    }

    @PutMapping("/api/parameters")
    ParametersRequest setParameters(@RequestBody ParametersRequest request) {
        new RequestChecks()
                .required("projectTaskTimeTracking", request.projectTaskTimeTracking())
                .rule(isMode(request.projectTaskTimeTracking()), "projectTaskTimeTracking", "tracking-mode",
                        "projectTaskTimeTracking must be one of " + Arrays.toString(TrackingMode.values()))
                .required("projectActualValuesTracking", request.projectActualValuesTracking())
                .rule(isMode(request.projectActualValuesTracking()), "projectActualValuesTracking", "tracking-mode",
                        "projectActualValuesTracking must be one of " + Arrays.toString(TrackingMode.values()))
                .verify();
        commands.sendAndWait(new SetProjectParameters(TrackingMode.valueOf(request.projectTaskTimeTracking()),
                TrackingMode.valueOf(request.projectActualValuesTracking())));
        return request;
    }

    @PutMapping("/api/dual-write/core-solution")
    CoreSolutionRequest setCoreSolution(@RequestBody CoreSolutionRequest request) {
        new RequestChecks()
                .required("version", request.version())
                .rule(request.version() == null || SolutionVersion.isWellFormed(request.version()), "version",
                        "dotted-version", "version must be a dotted version such as 1.0.24093.1")
                .verify();
        commands.sendAndWait(new UpdateDualWriteCoreSolution(new SolutionVersion(request.version())));
        return request;
    }

    private static boolean isMode(String value) {
        return value == null || Arrays.stream(TrackingMode.values()).anyMatch(mode -> mode.name().equals(value));
    }
}
