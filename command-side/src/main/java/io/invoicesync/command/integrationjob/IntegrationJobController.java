package io.invoicesync.command.integrationjob;

import io.invoicesync.command.AggregateIds;
import io.invoicesync.command.QuerySideProperties;
import io.invoicesync.command.idempotency.IdempotentWrites;
import io.invoicesync.command.idempotency.KeyedRequests;
import io.invoicesync.kernel.integrationjob.AddTableMap;
import io.invoicesync.kernel.integrationjob.CreateIntegrationJob;
import io.invoicesync.kernel.integrationjob.DismissSyncErrors;
import io.invoicesync.kernel.integrationjob.IntegrationJobCreated;
import io.invoicesync.kernel.integrationjob.IntegrationJobPaused;
import io.invoicesync.kernel.integrationjob.IntegrationJobResumed;
import io.invoicesync.kernel.integrationjob.IntegrationJobSaved;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.integrationjob.PauseIntegrationJob;
import io.invoicesync.kernel.integrationjob.ResumeIntegrationJob;
import io.invoicesync.kernel.integrationjob.RetrySyncErrors;
import io.invoicesync.kernel.integrationjob.RunIntegrationJob;
import io.invoicesync.kernel.integrationjob.SaveIntegrationJob;
import io.invoicesync.kernel.integrationjob.StopIntegrationJob;
import io.invoicesync.kernel.integrationjob.SyncErrorsDismissed;
import io.invoicesync.kernel.integrationjob.SyncErrorsRetried;
import io.invoicesync.kernel.integrationjob.TableMapAdded;
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
import org.springframework.web.bind.annotation.RequestAttribute;
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
    private final KeyedRequests keyed;
    private final String querySideUrl;

    /** Location points at the query side, where a job and its progress are read. */
    IntegrationJobController(CommandGateway commands, AggregateIds aggregates, KeyedRequests keyed,
                             QuerySideProperties querySide) {
        this.keyed = keyed;
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
    ResponseEntity<JobState> create(@Valid @RequestBody CreateJobRequest request,
                                    @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false)
                                    String requestKey) {
        // As a proforma's: a keyed request without an id takes its key's, and sent again finds the job it made.
        UUID jobId = request.jobId() != null ? request.jobId()
                : requestKey != null ? IdempotentWrites.idFor(requestKey, "job") : UUID.randomUUID();
        if (requestKey == null || keyed.madeBy(jobId, requestKey, IntegrationJobCreated.class).isEmpty()) {
            aggregates.verifyFree("jobId", jobId);
            commands.sendAndWait(new CreateIntegrationJob(jobId, request.name()));
        }
        return ResponseEntity.created(URI.create(querySideUrl + "/api/integration-jobs/" + jobId)).body(new JobState(jobId, "DRAFT"));
    }

    @PostMapping("/{jobId}/table-maps")
    TableMapAddedResponse addTableMap(@PathVariable UUID jobId, @Valid @RequestBody TableMapRequest request,
                                      @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false)
                                      String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        int position = keyed.once(() -> commands.<Integer>sendAndWait(new AddTableMap(jobId, request.tableMap())),
                jobId, requestKey, TableMapAdded.class, event -> event.getPayload().position());
        return new TableMapAddedResponse(jobId, request.tableMap(), position);
    }

    @PostMapping("/{jobId}/save")
    JobState save(@PathVariable UUID jobId,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        keyed.once(() -> commands.sendAndWait(new SaveIntegrationJob(jobId)), jobId, requestKey,
                IntegrationJobSaved.class);
        return new JobState(jobId, "SAVED");
    }

    /** 202: the run has started; syncing goes on in the background, watched on the query side. */
    @PostMapping("/{jobId}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<RunStarted> run(@PathVariable UUID jobId,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        UUID runId = keyed.once(() -> commands.<UUID>sendAndWait(new RunIntegrationJob(jobId)), jobId, requestKey,
                IntegrationJobStarted.class, event -> event.getPayload().runId());
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
                                       @Valid @RequestBody(required = false) ErrorsRequest request,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        List<UUID> invoices = invoicesOf(request);
        keyed.once(() -> commands.sendAndWait(new RetrySyncErrors(jobId, invoices)), jobId, requestKey,
                SyncErrorsRetried.class);
        return ResponseEntity.accepted().body(new ErrorsAction(jobId, "RETRY", invoices));
    }

    @PostMapping("/{jobId}/errors/dismiss")
    ErrorsAction dismiss(@PathVariable UUID jobId, @Valid @RequestBody(required = false) ErrorsRequest request,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        List<UUID> invoices = invoicesOf(request);
        keyed.once(() -> commands.sendAndWait(new DismissSyncErrors(jobId, invoices)), jobId, requestKey,
                SyncErrorsDismissed.class);
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
    JobRunChanged stop(@PathVariable UUID jobId,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        keyed.once(() -> commands.sendAndWait(new StopIntegrationJob(jobId)), jobId, requestKey,
                IntegrationJobStopped.class);
        return new JobRunChanged(jobId, "STOPPED", "No new batch is sent. Batches already sent (a few per invoice in "
                + "flight) still land in Finance in the next moments; the job's progress counts them, and the next "
                + "run goes on from there.");
    }

    /**
     * Pausing keeps the run and the table maps: invoices confirmed meanwhile queue for this job (never real time) and
     * those in flight hold after the batches already sent; the job's progress shows how much waits.
     */
    @PostMapping("/{jobId}/pause")
    JobRunChanged pause(@PathVariable UUID jobId,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        keyed.once(() -> commands.sendAndWait(new PauseIntegrationJob(jobId)), jobId, requestKey,
                IntegrationJobPaused.class);
        return new JobRunChanged(jobId, "PAUSED", "No new batch is sent and invoices confirmed meanwhile queue for this "
                + "job. Batches already sent still land in Finance in the next moments. Resume goes on with the same "
                + "run, what waited first, and the job's progress shows the catch-up estimate.");
    }

    @PostMapping("/{jobId}/resume")
    JobRunChanged resume(@PathVariable UUID jobId,
            @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        aggregates.verifyIs("jobId", jobId, IntegrationJob.class);
        keyed.once(() -> commands.sendAndWait(new ResumeIntegrationJob(jobId)), jobId, requestKey,
                IntegrationJobResumed.class);
        return new JobRunChanged(jobId, "ACTIVE", "The run goes on: what waited is synced first. The job's progress "
                + "shows the catch-up estimate (GET /api/integration-jobs/{id} on the query side, catchUp).");
    }
}
