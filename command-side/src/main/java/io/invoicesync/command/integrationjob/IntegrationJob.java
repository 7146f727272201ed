package io.invoicesync.command.integrationjob;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.invoicesync.command.integrationjob.rules.InvoicesAreFailedInJob;
import io.invoicesync.command.integrationjob.rules.JobHasRun;
import io.invoicesync.command.integrationjob.rules.JobHoldsEveryTableMap;
import io.invoicesync.command.integrationjob.rules.JobIsActive;
import io.invoicesync.command.integrationjob.rules.JobIsNotActive;
import io.invoicesync.command.integrationjob.rules.JobIsPaused;
import io.invoicesync.command.integrationjob.rules.JobIsRunningOrPaused;
import io.invoicesync.command.integrationjob.rules.JobIsSaved;
import io.invoicesync.command.integrationjob.rules.NoOtherJobIsActive;
import io.invoicesync.command.integrationjob.rules.TableMapFollowsItsDependencies;
import io.invoicesync.command.integrationjob.rules.TableMapIsKnown;
import io.invoicesync.command.integrationjob.rules.TableMapIsNotInJobYet;
import io.invoicesync.command.parameters.AsyncInvoicingPrerequisites;
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
import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.integrationjob.TableMapAdded;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An integration job: the table maps of async invoicing in dependency order, saved, then run (Active), paused and
 * resumed, and stopped. While it holds a run (active or paused) it cannot be edited or run again.
 */
@Aggregate
public class IntegrationJob {

    @AggregateIdentifier
    private UUID jobId;
    private List<TableMap> tableMaps = new ArrayList<>();
    private JobStatus status;
    private UUID runId;

    protected IntegrationJob() {
        // for Axon
    }

    @CommandHandler
    IntegrationJob(CreateIntegrationJob command, Clock clock) {
        apply(new IntegrationJobCreated(command.jobId(), command.name(), clock.instant()));
    }

    @CommandHandler
    int decide(AddTableMap command) {
        new JobIsNotActive(status).verify();
        new TableMapIsKnown(command.tableName()).verify();
        TableMap map = TableMap.byTableName(command.tableName()).orElseThrow();
        new TableMapIsNotInJobYet(map, tableMaps).verify();
        new TableMapFollowsItsDependencies(map, tableMaps).verify();
        int position = tableMaps.size() + 1;
        apply(new TableMapAdded(jobId, map.tableName(), position));
        return position;
    }

    @CommandHandler
    void decide(SaveIntegrationJob command) {
        new JobIsNotActive(status).verify();
        new JobHoldsEveryTableMap(tableMaps).verify();
        apply(new IntegrationJobSaved(jobId, tableNames()));
    }

    /** Answers the new run's id at once; the syncing itself happens in the background while the job stays Active. */
    @CommandHandler
    UUID decide(RunIntegrationJob command, AsyncInvoicingPrerequisites prerequisites, AsyncIntegration asyncIntegration,
                Clock clock) {
        new JobIsNotActive(status).verify();
        new JobIsSaved(status).verify();
        new NoOtherJobIsActive(jobId, asyncIntegration.activeJob()).verify();
        prerequisites.verify();
        UUID newRun = UUID.randomUUID();
        apply(new IntegrationJobStarted(jobId, newRun, tableNames(), clock.instant()));
        return newRun;
    }

    /** From active or paused: the run ends; what it had in flight waits, paused, for the next run. */
    @CommandHandler
    void decide(StopIntegrationJob command, Clock clock) {
        new JobIsRunningOrPaused(status).verify();
        apply(new IntegrationJobStopped(jobId, runId, clock.instant()));
    }

    /** The run holds still and keeps the maps, so confirmations queue for it until it resumes. */
    @CommandHandler
    void decide(PauseIntegrationJob command, Clock clock) {
        new JobIsActive(status).verify();
        apply(new IntegrationJobPaused(jobId, runId, clock.instant()));
    }

    @CommandHandler
    void decide(ResumeIntegrationJob command, Clock clock) {
        new JobIsPaused(status).verify();
        apply(new IntegrationJobResumed(jobId, runId, clock.instant()));
    }

    /** Failed invoices of this job go round again from the map where they stopped. */
    @CommandHandler
    void decide(RetrySyncErrors command, FailedInvoices failed, Clock clock) {
        verifyFailed(command.invoiceIds(), failed);
        apply(new SyncErrorsRetried(jobId, List.copyOf(command.invoiceIds()), clock.instant()));
    }

    /** Failed invoices of this job leave the error list and the sync; their Finance rows so far stay. */
    @CommandHandler
    void decide(DismissSyncErrors command, FailedInvoices failed, Clock clock) {
        verifyFailed(command.invoiceIds(), failed);
        apply(new SyncErrorsDismissed(jobId, List.copyOf(command.invoiceIds()), clock.instant()));
    }

    /**
     * Every invoice named must be failed in this job; none named means all of them, and there must be some. The event
     * keeps "none named" as it is, so one retry of many failures stays one small event.
     */
    private void verifyFailed(List<UUID> asked, FailedInvoices failed) {
        new JobHasRun(runId).verify();
        new InvoicesAreFailedInJob(asked, failed.failedOf(jobId, asked)).verify();
    }

    private List<String> tableNames() {
        return tableMaps.stream().map(TableMap::tableName).toList();
    }

    @EventSourcingHandler
    void evolve(IntegrationJobCreated event) {
        jobId = event.jobId();
        status = JobStatus.DRAFT;
    }

    @EventSourcingHandler
    void evolve(TableMapAdded event) {
        tableMaps.add(TableMap.byTableName(event.tableName()).orElseThrow());
    }

    @EventSourcingHandler
    void evolve(IntegrationJobSaved event) {
        status = JobStatus.SAVED;
    }

    @EventSourcingHandler
    void evolve(IntegrationJobStarted event) {
        status = JobStatus.ACTIVE;
        runId = event.runId();
    }

    @EventSourcingHandler
    void evolve(IntegrationJobPaused event) {
        status = JobStatus.PAUSED;
    }

    @EventSourcingHandler
    void evolve(IntegrationJobResumed event) {
        status = JobStatus.ACTIVE;
    }

    @EventSourcingHandler
    void evolve(IntegrationJobStopped event) {
        status = JobStatus.STOPPED;
    }
}
