package io.invoicesync.command.integrationjob;

import io.invoicesync.command.parameters.AsyncInvoicingPrerequisites;
import io.invoicesync.command.parameters.PrerequisiteState;
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
import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.parameters.TrackingMode;
import io.invoicesync.kernel.rules.BusinessRuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntegrationJobTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    private static final List<String> ALL_MAPS = List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections");
    private static final PrerequisiteState ALL_MET = new PrerequisiteState(TrackingMode.ON_DEMAND_UPDATE,
            TrackingMode.ON_DEMAND_UPDATE, new SolutionVersion("1.0.24093.1"));

    private final AtomicReference<PrerequisiteState> prerequisites = new AtomicReference<>(ALL_MET);
    private AggregateTestFixture<IntegrationJob> fixture;
    /** The invoices the job holds as failed, as the query side reported them. */
    private final List<UUID> failed = new java.util.ArrayList<>();
    private Optional<UUID> activeJob = Optional.empty();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IntegrationJob.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(
                new AsyncInvoicingPrerequisites(new SolutionVersion("1.0.24093.1"), prerequisites::get));
        fixture.registerInjectableResource((FailedInvoices) (job, asked) -> failed.stream()
                .filter(id -> job.equals(JOB) && (asked.isEmpty() || asked.contains(id))).toList());
        fixture.registerInjectableResource((AsyncIntegration) () -> activeJob.map(job -> new AsyncIntegration.Owner(job, true)));
    }

    private static Object[] savedJob() {
        return new Object[]{new IntegrationJobCreated(JOB, "Async invoicing", NOW),
                new TableMapAdded(JOB, "invoices", 1), new TableMapAdded(JOB, "msdyn_actuals", 2),
                new TableMapAdded(JOB, "msdyn_transactionconnections", 3), new IntegrationJobSaved(JOB, ALL_MAPS)};
    }

    private static Object[] activeJob() {
        Object[] saved = savedJob();
        Object[] active = java.util.Arrays.copyOf(saved, saved.length + 1);
        active[saved.length] = new IntegrationJobStarted(JOB, RUN, ALL_MAPS, NOW);
        return active;
    }

    @Test
    void createsAJob() {
        fixture.givenNoPriorActivity()
                .when(new CreateIntegrationJob(JOB, "Async invoicing"))
                .expectEvents(new IntegrationJobCreated(JOB, "Async invoicing", NOW));
    }

    @Test
    void addsTableMapsInDependencyOrder() {
        fixture.given(new IntegrationJobCreated(JOB, "Async invoicing", NOW), new TableMapAdded(JOB, "invoices", 1))
                .when(new AddTableMap(JOB, "msdyn_actuals"))
                .expectEvents(new TableMapAdded(JOB, "msdyn_actuals", 2))
                .expectResultMessagePayload(2);
    }

    @Test
    void refusesAnUnknownTableMap() {
        fixture.given(new IntegrationJobCreated(JOB, "Async invoicing", NOW))
                .when(new AddTableMap(JOB, "msdyn_projects"))
                .expectNoEvents()
                .expectExceptionMessage("'msdyn_projects' is not a table map of async invoicing; use one of "
                        + "invoices, msdyn_actuals, msdyn_transactionconnections");
    }

    @Test
    void refusesADuplicateTableMap() {
        fixture.given(new IntegrationJobCreated(JOB, "Async invoicing", NOW), new TableMapAdded(JOB, "invoices", 1))
                .when(new AddTableMap(JOB, "invoices"))
                .expectNoEvents()
                .expectExceptionMessage("The table map invoices is already in this job; each map is added once");
    }

    @Test
    void refusesAMapAddedBeforeWhatItPointsAt() {
        fixture.given(new IntegrationJobCreated(JOB, "Async invoicing", NOW))
                .when(new AddTableMap(JOB, "msdyn_transactionconnections"))
                .expectNoEvents()
                .expectExceptionMessage("The table map msdyn_transactionconnections points at invoices and "
                        + "msdyn_actuals; add invoices, then msdyn_actuals first");
    }

    @Test
    void refusesToSaveWithoutAllThreeMaps() {
        fixture.given(new IntegrationJobCreated(JOB, "Async invoicing", NOW), new TableMapAdded(JOB, "invoices", 1))
                .when(new SaveIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("An async invoicing job needs all three table maps; still missing: "
                        + "msdyn_actuals, msdyn_transactionconnections");
    }

    @Test
    void savesACompleteJob() {
        Object[] saved = savedJob();
        fixture.given(java.util.Arrays.copyOf(saved, saved.length - 1))
                .when(new SaveIntegrationJob(JOB))
                .expectEvents(new IntegrationJobSaved(JOB, ALL_MAPS));
    }

    @Test
    void refusesToRunAnUnsavedJob() {
        fixture.given(new IntegrationJobCreated(JOB, "Async invoicing", NOW), new TableMapAdded(JOB, "invoices", 1))
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is not saved; save it first "
                        + "(POST /api/integration-jobs/{id}/save)");
    }

    @Test
    void runsASavedJobWhenEveryPreconditionIsMet() {
        fixture.given(savedJob())
                .when(new RunIntegrationJob(JOB))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(p -> p instanceof IntegrationJobStarted s && s.tableMaps().equals(ALL_MAPS)
                                && s.startedAt().equals(NOW)),
                        Matchers.andNoMore())));
    }

    @Test
    void refusesToRunWhileTaskTimeTrackingIsRealTime() {
        prerequisites.set(new PrerequisiteState(TrackingMode.REAL_TIME, TrackingMode.ON_DEMAND_UPDATE,
                new SolutionVersion("1.0.24093.1")));
        fixture.given(savedJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("Project task time tracking is Real-time; async invoicing needs it on "
                        + "On-Demand update: PUT /api/parameters with projectTaskTimeTracking = ON_DEMAND_UPDATE, "
                        + "then run the job again");
    }

    @Test
    void refusesToRunWhileActualValuesTrackingIsNotSet() {
        prerequisites.set(new PrerequisiteState(TrackingMode.ON_DEMAND_UPDATE, null, new SolutionVersion("2.0")));
        fixture.given(savedJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("Project actual values tracking is not set; async invoicing needs it on "
                        + "On-Demand update: PUT /api/parameters with projectActualValuesTracking = ON_DEMAND_UPDATE, "
                        + "then run the job again");
    }

    @Test
    void refusesToRunNamingEveryPrerequisiteUnmet() {
        prerequisites.set(new PrerequisiteState(TrackingMode.REAL_TIME, null, new SolutionVersion("1.0.24092.9")));
        fixture.given(savedJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof BusinessRuleViolation violation
                        && violation.broken().stream().map(BusinessRuleViolation.Broken::field).toList().equals(
                                List.of("projectTaskTimeTracking", "projectActualValuesTracking", "coreSolutionVersion"))
                        && violation.getMessage().contains("Project task time tracking is Real-time")
                        && violation.getMessage().contains("Project actual values tracking is not set")
                        && violation.getMessage().contains("core solution is 1.0.24092.9")));
    }

    @Test
    void refusesToRunOnAnOldCoreSolution() {
        prerequisites.set(new PrerequisiteState(TrackingMode.ON_DEMAND_UPDATE, TrackingMode.ON_DEMAND_UPDATE,
                new SolutionVersion("1.0.24092.9")));
        fixture.given(savedJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The installed dual-write core solution is 1.0.24092.9; async invoicing "
                        + "needs 1.0.24093.1 or later: upgrade it and record the version with "
                        + "PUT /api/dual-write/core-solution, then run the job again");
    }

    @Test
    void refusesToEditAnActiveJob() {
        fixture.given(activeJob())
                .when(new AddTableMap(JOB, "invoices"))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is active; stop it first "
                        + "(POST /api/integration-jobs/{id}/stop)");
        fixture.given(activeJob())
                .when(new SaveIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is active; stop it first "
                        + "(POST /api/integration-jobs/{id}/stop)");
    }

    @Test
    void refusesToRunAnActiveJobAgain() {
        fixture.given(activeJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is active; stop it first "
                        + "(POST /api/integration-jobs/{id}/stop)");
    }

    @Test
    void stopsAnActiveJobAndRunsItAgain() {
        fixture.given(activeJob())
                .when(new StopIntegrationJob(JOB))
                .expectEvents(new IntegrationJobStopped(JOB, RUN, NOW));
        Object[] active = activeJob();
        Object[] stopped = java.util.Arrays.copyOf(active, active.length + 1);
        stopped[active.length] = new IntegrationJobStopped(JOB, RUN, NOW);
        fixture.given(stopped)
                .when(new RunIntegrationJob(JOB))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(p -> p instanceof IntegrationJobStarted s && !s.runId().equals(RUN)),
                        Matchers.andNoMore())));
    }

    @Test
    void refusesToRunWhileAnotherJobIsActive() {
        UUID other = UUID.fromString("00000000-0000-0000-0000-00000000b002");
        activeJob = Optional.of(other);
        fixture.given(savedJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("Integration job " + other + " is already active with these table maps; "
                        + "stop it before running another");
    }

    @Test
    void retriesAndDismissesSyncErrors() {
        List<UUID> invoices = List.of(UUID.fromString("00000000-0000-0000-0000-00000000a001"));
        failed.addAll(invoices);
        fixture.given(activeJob())
                .when(new RetrySyncErrors(JOB, invoices))
                .expectEvents(new SyncErrorsRetried(JOB, invoices, NOW));
        fixture.given(activeJob())
                .when(new DismissSyncErrors(JOB, List.of()))
                .expectEvents(new SyncErrorsDismissed(JOB, List.of(), NOW));
    }

    @Test
    void refusesToRetryInvoicesThatAreNotFailedInTheJob() {
        UUID failedOne = UUID.fromString("00000000-0000-0000-0000-00000000a001");
        UUID notFailed = UUID.fromString("00000000-0000-0000-0000-00000000b002");
        failed.add(failedOne);
        fixture.given(activeJob())
                .when(new RetrySyncErrors(JOB, List.of(failedOne, notFailed)))
                .expectNoEvents()
                .expectExceptionMessage("1 of the invoices named are not failed in this integration job: ["
                        + notFailed + "]");
    }

    @Test
    void refusesToDismissWhenNothingFailed() {
        fixture.given(activeJob())
                .when(new DismissSyncErrors(JOB, List.of()))
                .expectNoEvents()
                .expectExceptionMessage("The integration job holds no failed invoices");
    }

    @Test
    void refusesToDismissOnAJobThatNeverRan() {
        fixture.given(savedJob())
                .when(new DismissSyncErrors(JOB, List.of()))
                .expectNoEvents()
                .expectExceptionMessage("The integration job has never run, so it has no failed records to retry or "
                        + "dismiss");
    }

    @Test
    void refusesToStopAJobThatIsNotRunning() {
        fixture.given(savedJob())
                .when(new StopIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is neither running nor paused (it is saved); there is "
                        + "nothing to stop");
    }

    @Test
    void pausesAndResumesTheSameRun() {
        fixture.given(activeJob())
                .when(new PauseIntegrationJob(JOB))
                .expectEvents(new IntegrationJobPaused(JOB, RUN, NOW));
        fixture.given(pausedJob())
                .when(new ResumeIntegrationJob(JOB))
                .expectEvents(new IntegrationJobResumed(JOB, RUN, NOW));
    }

    @Test
    void aPausedJobHoldsItsRun() {
        fixture.given(pausedJob())
                .when(new RunIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is paused; resume it (POST /api/integration-jobs/{id}/"
                        + "resume) or stop it first");
        fixture.given(pausedJob())
                .when(new AddTableMap(JOB, TableMap.INVOICES.tableName()))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is paused; resume it (POST /api/integration-jobs/{id}/"
                        + "resume) or stop it first");
        fixture.given(pausedJob())
                .when(new PauseIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is not running (it is paused); there is nothing to pause");
    }

    @Test
    void stopsAPausedJob() {
        fixture.given(pausedJob())
                .when(new StopIntegrationJob(JOB))
                .expectEvents(new IntegrationJobStopped(JOB, RUN, NOW));
    }

    @Test
    void resumesOnlyAPausedJob() {
        fixture.given(activeJob())
                .when(new ResumeIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is not paused (it is active); there is nothing to resume");
        Object[] stopped = java.util.Arrays.copyOf(pausedJob(), pausedJob().length + 1);
        stopped[stopped.length - 1] = new IntegrationJobStopped(JOB, RUN, NOW);
        fixture.given(stopped)
                .when(new ResumeIntegrationJob(JOB))
                .expectNoEvents()
                .expectExceptionMessage("The integration job is not paused (it is stopped); there is nothing to resume");
    }

    private static Object[] pausedJob() {
        Object[] active = activeJob();
        Object[] paused = java.util.Arrays.copyOf(active, active.length + 1);
        paused[active.length] = new IntegrationJobPaused(JOB, RUN, NOW);
        return paused;
    }
}
