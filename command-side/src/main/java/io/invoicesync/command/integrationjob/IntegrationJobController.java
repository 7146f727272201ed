package io.invoicesync.command.integrationjob;

import io.invoicesync.command.QuerySideProperties;
import io.invoicesync.command.AggregateIds;
import io.invoicesync.kernel.integrationjob.AddTableMap;
import io.invoicesync.kernel.integrationjob.CreateIntegrationJob;
import io.invoicesync.kernel.integrationjob.DismissSyncErrors;
import io.invoicesync.kernel.integrationjob.PauseIntegrationJob;
import io.invoicesync.kernel.integrationjob.ResumeIntegrationJob;
import io.invoicesync.kernel.integrationjob.RetrySyncErrors;
import io.invoicesync.kernel.integrationjob.RunIntegrationJob;
import io.invoicesync.kernel.integrationjob.SaveIntegrationJob;
import io.invoicesync.kernel.integrationjob.StopIntegrationJob;
import io.invoicesync.platform.web.input.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/integration-jobs")
class IntegrationJobController {

    /** Retry and dismiss name at most this many invoices a request; with none named they act on all. */
    static final int MAX_INVOICES_PER_REQUEST = 1_000;

    private final CommandGateway commands;
    private final AggregateIds aggregates;
    private final String querySideUrl;

    /** Location points at the query side, where a job and its progress are read. */
    IntegrationJobController(CommandGateway commands, AggregateIds aggregates,
                             QuerySideProperties querySide) {
        this.commands = commands;
        this.querySideUrl = querySide.url();
        this.aggregates = aggregates;
    }

    record CreateJobRequest(UUID jobId, @NotBlank @Size(max = 200) @PlainText String name) {
    }

    record TableMapRequest(@NotBlank @Size(max = 100) @PlainText String tableMap) {
    }

    record JobState(UUID jobId, String status) {
    }

    record TableMapAddedResponse(UUID jobId, String tableMap, int position) {
    }

    record RunStarted(UUID jobId, UUID runId, String status, String progress) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<JobState> create(@Valid @RequestBody CreateJobRequest request) {
        UUID jobId = request.jobId() == null ? UUID.randomUUID() : request.jobId();
        aggregates.verifyFree("jobId", jobId);
        commands.sendAndWait(new CreateIntegrationJob(jobId, request.name()));
        return ResponseEntity.created(URI.create(querySideUrl + "/api/integration-jobs/" + jobId)).body(new JobState(jobId, "DRAFT"));
    }

    @PostMapping("/{jobId}/table-maps")
    TableMapAddedResponse addTableMap(@PathVariable UUID jobId, @Valid @RequestBody TableMapRequest request) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        int position = commands.sendAndWait(new AddTableMap(jobId, request.tableMap()));
        return new TableMapAddedResponse(jobId, request.tableMap(), position);
    }

    @PostMapping("/{jobId}/save")
    JobState save(@PathVariable UUID jobId) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        commands.sendAndWait(new SaveIntegrationJob(jobId));
        return new JobState(jobId, "SAVED");
    }

    /** 202: the run has started; syncing goes on in the background, watched on the query side. */
    @PostMapping("/{jobId}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<RunStarted> run(@PathVariable UUID jobId) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        UUID runId = commands.sendAndWait(new RunIntegrationJob(jobId));
        return ResponseEntity.accepted().body(new RunStarted(jobId, runId, "ACTIVE", "/api/integration-jobs/" + jobId));
    }

    /** Optional body {"invoiceIds": [...]}; without it every failed invoice of the job. */
    record ErrorsRequest(@Size(max = MAX_INVOICES_PER_REQUEST) List<@NotNull UUID> invoiceIds) {
    }

    record ErrorsAction(UUID jobId, String action, List<UUID> invoiceIds) {
    }

    @PostMapping("/{jobId}/errors/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<ErrorsAction> retry(@PathVariable UUID jobId,
                                       @Valid @RequestBody(required = false) ErrorsRequest request) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        List<UUID> invoices = invoicesOf(request);
        commands.sendAndWait(new RetrySyncErrors(jobId, invoices));
        return ResponseEntity.accepted().body(new ErrorsAction(jobId, "RETRY", invoices));
    }

    @PostMapping("/{jobId}/errors/dismiss")
    ErrorsAction dismiss(@PathVariable UUID jobId, @Valid @RequestBody(required = false) ErrorsRequest request) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        List<UUID> invoices = invoicesOf(request);
        commands.sendAndWait(new DismissSyncErrors(jobId, invoices));
        return new ErrorsAction(jobId, "DISMISS", invoices);
    }

    private static List<UUID> invoicesOf(ErrorsRequest request) {
        return request == null || request.invoiceIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(request.invoiceIds()));
    }

    /** The answer to a stop, pause or resume: the job's state now and what follows. */
    record JobRunChanged(UUID jobId, String status, String note) {
    }

    /**
     * The job sends no new batch once stopped; the few batches already sent (a window per invoice in flight) still
     * land in Finance within moments, and the answer says so rather than let the progress seem to move after a stop.
     */
    @PostMapping("/{jobId}/stop")
    JobRunChanged stop(@PathVariable UUID jobId) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        commands.sendAndWait(new StopIntegrationJob(jobId));
        return new JobRunChanged(jobId, "STOPPED", "No new batch is sent. Batches already sent (a few per invoice in "
                + "flight) still land in Finance in the next moments; the job's progress counts them, and the next "
                + "run goes on from there.");
    }

    /**
     * Pausing keeps the run and the table maps: invoices confirmed meanwhile queue for this job (never real time) and
     * those in flight hold after the batches already sent; the job's progress shows how much waits.
     */
    @PostMapping("/{jobId}/pause")
    JobRunChanged pause(@PathVariable UUID jobId) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        commands.sendAndWait(new PauseIntegrationJob(jobId));
        return new JobRunChanged(jobId, "PAUSED", "No new batch is sent and invoices confirmed meanwhile queue for this "
                + "job. Batches already sent still land in Finance in the next moments. Resume goes on with the same "
                + "run, what waited first, and the job's progress shows the catch-up estimate.");
    }

    @PostMapping("/{jobId}/resume")
    JobRunChanged resume(@PathVariable UUID jobId) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        commands.sendAndWait(new ResumeIntegrationJob(jobId));
        return new JobRunChanged(jobId, "ACTIVE", "The run goes on: what waited is synced first. The job's progress "
                + "shows the catch-up estimate (GET /api/integration-jobs/{id} on the query side, catchUp).");
    }
}
