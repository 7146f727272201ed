package io.invoicesync.query.integrationjob;

import io.invoicesync.kernel.integrationjob.IntegrationJobPaused;
import io.invoicesync.kernel.integrationjob.IntegrationJobResumed;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.integrationjob.SyncErrorsDismissed;
import io.invoicesync.kernel.integrationjob.SyncErrorsRetried;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncPaused;
import io.invoicesync.kernel.sync.InvoiceSyncResumed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.JobCaughtUp;
import io.invoicesync.kernel.sync.SyncErrorCategory;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.query.RunsOnlyInTheApp;
import io.invoicesync.query.processing.ProcessingGroups;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.syncstate.CoordinatorState;
import io.invoicesync.query.syncstate.CoordinatorTables;
import io.invoicesync.query.syncstate.CoordinatorTables.ActiveRun;
import io.invoicesync.query.syncstate.CoordinatorTables.Confirmation;
import io.invoicesync.query.syncstate.QuarantineTable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Decides which invoices a run syncs. It sees confirmations and job life-cycle events in one total order (one
 * segment), so "was a job active when this proforma was confirmed?" always has one answer. It holds the waiting
 * invoices (confirmed while no job runs, with no limit of time or number) and dispatches them when a job runs; it
 * pauses, resumes, retries and dismisses the invoices in flight, and follows a resume's catch-up. Every decision is
 * an event published in the same transaction as its state and token. Its handlers publish, so a replay must never
 * run them again.
 */
@Component
@ProcessingGroup(ProcessingGroups.SYNC_COORDINATOR)
@DisallowReplay
@RunsOnlyInTheApp
class SyncCoordinator {

    private static final int PAGE = 500;

    private final CoordinatorTables state;
    private final QuarantineTable quarantine;
    private final EventBus events;
    private final ProformaSource source;
    private final CatchUpEstimate catchUpEstimate;
    private final Clock clock;

    SyncCoordinator(CoordinatorTables state, QuarantineTable quarantine, EventBus events, ProformaSource source,
                    CatchUpEstimate catchUpEstimate, Clock clock) {
        this.state = state;
        this.catchUpEstimate = catchUpEstimate;
        this.quarantine = quarantine;
        this.events = events;
        this.source = source;
        this.clock = clock;
    }

    @EventHandler
    void on(ProformaConfirmed event, @SequenceNumber long sequence) {
        state.waiting(confirmation(event, sequence));
        state.activeRun().ifPresent(this::dispatchWaiting);
    }

    @EventHandler
    void on(IntegrationJobStarted event) {
        state.runStarted(event.jobId(), event.runId(), event.tableMaps());
        // Invoices paused by a stop resume in this run first, then those that waited for a run.
        for (UUID invoiceId : state.paused()) {
            publish(new InvoiceSyncResumed(invoiceId, event.jobId(), event.runId(), clock.instant()));
        }
        state.resumedAll(event.jobId());
        adoptFailuresOfNoJob(event);
        dispatchWaiting(new ActiveRun(event.jobId(), event.runId(), event.tableMaps()));
    }

    /**
     * G11: an invoice that failed here before any job had run belongs to no job, so no errors list showed it and
     * nothing could retry it. The first run takes it over: reported again as this job's failure, to retry or dismiss.
     * One that real time synced meanwhile (its proposal is in Finance) needs nothing more and is forgotten.
     */
    private void adoptFailuresOfNoJob(IntegrationJobStarted event) {
        for (CoordinatorTables.FailedOfNoJob failedOfNoJob : state.failedOfNoJob()) {
            CoordinatorTables.Failed orphan = failedOfNoJob.failed();
            if (failedOfNoJob.inFinance()) {
                releaseFromQuarantine(orphan.invoiceId());
                state.forgotten(orphan.invoiceId());
                continue;
            }
            state.adoptedBy(orphan.invoiceId(), event.jobId());
            publish(new SyncRecordFailed(orphan.invoiceId(), event.jobId(), event.runId(),
                    ProformaConfirmed.class.getSimpleName(), 0, orphan.invoiceId().toString(),
                    orphan.category() == null ? SyncErrorCategory.SYSTEM.name() : orphan.category(),
                    "Failed before any job ran, now this job's to retry or dismiss: " + orphan.cause(),
                    clock.instant()));
        }
    }

    @EventHandler
    void on(IntegrationJobStopped event) {
        holdStill(event.jobId());
    }

    /** As a stop, but the run goes on at the resume: same run id, the maps kept, confirmations queued meanwhile. */
    @EventHandler
    void on(IntegrationJobPaused event) {
        holdStill(event.jobId());
    }

    /**
     * What waited goes on first: the invoices paused in flight, then those confirmed during the pause. They are the
     * catch-up, estimated here at the job's last pace and reported done when the last of them is synced or failed.
     */
    @EventHandler
    void on(IntegrationJobResumed event) {
        Optional<ActiveRun> resumed = state.runResumed(event.jobId(), event.runId(), event.resumedAt());
        if (resumed.isEmpty()) {
            // Another job ran since (the command side refuses that while this one is paused): nothing to resume.
            return;
        }
        ActiveRun run = resumed.get();
        CoordinatorTables.CatchUp catchUp = state.catchUpStarted();
        for (UUID invoiceId : state.paused()) {
            publish(new InvoiceSyncResumed(invoiceId, run.jobId(), run.runId(), clock.instant()));
        }
        state.resumedAll(run.jobId());
        dispatchWaiting(run);
        publish(catchUpEstimate.of(run, event.resumedAt(), catchUp));
        if (catchUp.invoiceIds().isEmpty()) {
            publish(new JobCaughtUp(run.jobId(), run.runId(), event.resumedAt(), clock.instant()));
        }
    }

    private void holdStill(UUID jobId) {
        state.runStopped(jobId);
        for (UUID invoiceId : state.dispatchedTo(jobId)) {
            publish(new InvoiceSyncPaused(invoiceId, jobId, clock.instant()));
        }
        state.pausedAll(jobId);
    }

    /**
     * A failure may be reported after the invoice's saga already finished (Finance lags the saga): it still counts.
     * One of this coordinator's own steps may have failed before it kept the invoice at all (the step's insert rolled
     * back with it): the invoice is kept now, FAILED, from its confirmation, so that it can be retried or dismissed.
     */
    @EventHandler
    void on(SyncRecordFailed event) {
        if (state.failed(event.invoiceId(), event.jobId(), event.category(), event.cause())) {
            leftCatchUp(event.invoiceId());
            return;
        }
        source.confirmation(event.invoiceId()).ifPresent(confirmation -> state.failedBeforeKept(
                confirmation((ProformaConfirmed) confirmation.payload(), confirmation.sequence()), event.jobId(),
                event.category(), event.cause()));
    }

    /**
     * A business refusal resumes the invoice's saga where it stopped. A system failure ended the saga (and the
     * processing groups skipped the invoice's later events), so the invoice is synced again from its first batch:
     * every write proves a row already there is the same one, so what Finance already holds is kept, not doubled.
     */
    @EventHandler
    void on(SyncErrorsRetried event) {
        Optional<ActiveRun> run = state.activeRun();
        for (CoordinatorTables.Failed failed : failedOf(event.jobId(), event.invoiceIds())) {
            UUID invoiceId = failed.invoiceId();
            boolean fromTheStart = SyncErrorCategory.SYSTEM.name().equals(failed.category());
            if (run.isEmpty() && !fromTheStart) {
                // A retry while no job runs waits, paused, for the next run.
                publish(new InvoiceSyncPaused(invoiceId, event.jobId(), clock.instant()));
            }
            publish(new InvoiceSyncRetried(invoiceId, event.jobId(), clock.instant()));
            releaseFromQuarantine(invoiceId);
            state.retried(invoiceId, fromTheStart ? CoordinatorState.WAITING
                    : run.isPresent() ? CoordinatorState.DISPATCHED : CoordinatorState.PAUSED);
        }
        run.ifPresent(this::dispatchWaiting);
    }

    @EventHandler
    void on(SyncErrorsDismissed event) {
        for (CoordinatorTables.Failed failed : failedOf(event.jobId(), event.invoiceIds())) {
            publish(new InvoiceSyncDismissed(failed.invoiceId(), event.jobId(), clock.instant()));
            releaseFromQuarantine(failed.invoiceId());
            state.forgotten(failed.invoiceId());
        }
    }

    @EventHandler
    void on(InvoiceSynced event) {
        if (state.synced(event.invoiceId())) {
            leftCatchUp(event.invoiceId());
        }
    }

    private void leftCatchUp(UUID invoiceId) {
        state.leftCatchUp(invoiceId).ifPresent(resumedAt -> state.activeRun().ifPresent(run ->
                publish(new JobCaughtUp(run.jobId(), run.runId(), resumedAt, clock.instant()))));
    }

    /** Real-time sync took the invoice inside its confirm request: no run must take it again. */
    @EventHandler
    void on(InvoiceSyncStarted event) {
        if (SyncMode.valueOf(event.mode()) == SyncMode.REAL_TIME) {
            state.takenInRealTime(event.invoiceId());
        }
    }

    /** The coordinator handles no per-invoice retry event, so it lifts its own quarantine here (InvoiceQuarantine). */
    private void releaseFromQuarantine(UUID invoiceId) {
        quarantine.lift(ProcessingGroups.SYNC_COORDINATOR, invoiceId);
    }

    /** The job's failed invoices among those named, all of them when none are named. */
    private List<CoordinatorTables.Failed> failedOf(UUID jobId, List<UUID> invoiceIds) {
        List<CoordinatorTables.Failed> failed = state.failedOf(jobId);
        return invoiceIds.isEmpty() ? failed
                : failed.stream().filter(f -> invoiceIds.contains(f.invoiceId())).toList();
    }

    private void dispatchWaiting(ActiveRun run) {
        while (true) {
            List<Confirmation> waiting = state.nextWaiting(PAGE);
            if (waiting.isEmpty()) {
                return;
            }
            for (Confirmation w : waiting) {
                publish(new InvoiceSyncStarted(w.invoiceId(), run.jobId(), run.runId(), SyncMode.ASYNC.name(),
                        run.tableMaps(), w.confirmedSequence(), w.chunks(), w.lineCount(), w.actualCount(),
                        w.connectionCount(), clock.instant()));
                state.dispatched(w.invoiceId(), run.jobId());
            }
        }
    }

    private static Confirmation confirmation(ProformaConfirmed confirmed, long sequence) {
        return new Confirmation(confirmed.invoiceId(), sequence, confirmed.chunks(), confirmed.lineCount(),
                confirmed.actualCount(), confirmed.connectionCount());
    }

    private void publish(Object payload) {
        events.publish(GenericEventMessage.asEventMessage(payload));
    }
}
