package io.invoicesync.command.integrationjob;

import io.invoicesync.kernel.integrationjob.AddTableMap;
import io.invoicesync.kernel.integrationjob.CreateIntegrationJob;
import io.invoicesync.kernel.integrationjob.DismissSyncErrors;
import io.invoicesync.kernel.integrationjob.RetrySyncErrors;
import io.invoicesync.kernel.integrationjob.RunIntegrationJob;
import io.invoicesync.kernel.integrationjob.SaveIntegrationJob;
import io.invoicesync.kernel.integrationjob.StopIntegrationJob;
import io.invoicesync.platform.web.RequestChecks;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/integration-jobs")
class IntegrationJobController {

    private final CommandGateway commands;

    IntegrationJobController(CommandGateway commands) {
        this.commands = commands;
    }

    record CreateRequest(UUID jobId, String name) {
    }

    record TableMapRequest(String tableMap) {
    }

    record JobState(UUID jobId, String status) {
    }

    record TableMapAddedResponse(UUID jobId, String tableMap, int position) {
    }

    record RunStarted(UUID jobId, UUID runId, String status, String progress) {
    }

    @PostMapping
    ResponseEntity<JobState> create(@RequestBody CreateRequest request) {
        new RequestChecks().required("name", request.name()).maxLength("name", request.name(), 200).verify();
        UUID jobId = request.jobId() == null ? UUID.randomUUID() : request.jobId();
        commands.sendAndWait(new CreateIntegrationJob(jobId, request.name()));
        return ResponseEntity.created(URI.create("/api/integration-jobs/" + jobId)).body(new JobState(jobId, "DRAFT"));
    }

    @PostMapping("/{jobId}/table-maps")
    TableMapAddedResponse addTableMap(@PathVariable UUID jobId, @RequestBody TableMapRequest request) {
        new RequestChecks().required("tableMap", request.tableMap()).verify();
        int position = commands.sendAndWait(new AddTableMap(jobId, request.tableMap()));
        return new TableMapAddedResponse(jobId, request.tableMap(), position);
    }

    @PostMapping("/{jobId}/save")
    JobState save(@PathVariable UUID jobId) {
        commands.sendAndWait(new SaveIntegrationJob(jobId));
        return new JobState(jobId, "SAVED");
    }

    /** 202: the run has started; syncing goes on in the background, watched on the query side. */
    @PostMapping("/{jobId}/run")
    ResponseEntity<RunStarted> run(@PathVariable UUID jobId) {
        UUID runId = commands.sendAndWait(new RunIntegrationJob(jobId));
        return ResponseEntity.accepted().body(new RunStarted(jobId, runId, "ACTIVE", "/api/integration-jobs/" + jobId));
    }

    /** Optional body {"invoiceIds": [...]}; without it every failed invoice of the job. */
    record ErrorsRequest(List<UUID> invoiceIds) {
    }

    record ErrorsAction(UUID jobId, String action, List<UUID> invoiceIds) {
    }

    @PostMapping("/{jobId}/errors/retry")
    ResponseEntity<ErrorsAction> retry(@PathVariable UUID jobId, @RequestBody(required = false) ErrorsRequest request) {
        List<UUID> invoices = invoicesOf(request);
        commands.sendAndWait(new RetrySyncErrors(jobId, invoices));
        return ResponseEntity.accepted().body(new ErrorsAction(jobId, "RETRY", invoices));
    }

    @PostMapping("/{jobId}/errors/dismiss")
    ErrorsAction dismiss(@PathVariable UUID jobId, @RequestBody(required = false) ErrorsRequest request) {
        List<UUID> invoices = invoicesOf(request);
        commands.sendAndWait(new DismissSyncErrors(jobId, invoices));
        return new ErrorsAction(jobId, "DISMISS", invoices);
    }

    private static List<UUID> invoicesOf(ErrorsRequest request) {
        if (request == null || request.invoiceIds() == null) {
            return List.of();
        }
        new RequestChecks().rule(request.invoiceIds().stream().noneMatch(java.util.Objects::isNull), "invoiceIds",
                "no-null-ids", "invoiceIds must not contain null").verify();
        return request.invoiceIds();
    }

    @PostMapping("/{jobId}/stop")
    JobState stop(@PathVariable UUID jobId) {
        commands.sendAndWait(new StopIntegrationJob(jobId));
        return new JobState(jobId, "STOPPED");
    }
}
