package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.IntegrationJobCreated;
import io.invoicesync.kernel.integrationjob.IntegrationJobPaused;
import io.invoicesync.kernel.integrationjob.IntegrationJobResumed;
import io.invoicesync.kernel.integrationjob.IntegrationJobSaved;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncPaused;
import io.invoicesync.kernel.sync.JobCatchUpEstimated;
import io.invoicesync.kernel.sync.JobCaughtUp;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.query.processing.ProcessingGroups;
import io.invoicesync.query.syncstate.QuarantineTable;
import io.invoicesync.query.syncstate.SyncProgressTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * G4: per job, per invoice and per batch, what is waiting, applied and failed: each event told to the progress's
 * owner as the transition it is ({@link SyncProgressTables}). The transitions a Finance write may follow (an invoice's
 * start, retry, resume, sync) are recorded by {@code FinanceProjection}, before the write. Same processing group as the Finance rows, so a batch's
 * rows and its progress record commit together with the token: the counts never disagree.
 */
@Component
@ProcessingGroup(ProcessingGroups.FINANCE)
public class SyncProgressProjection {

    private final SyncProgressTables progress;
    private final QuarantineTable quarantine;

    public SyncProgressProjection(SyncProgressTables progress, QuarantineTable quarantine) {
        this.progress = progress;
        this.quarantine = quarantine;
    }

    @EventHandler
    void on(IntegrationJobCreated event) {
        progress.jobCreated(event.jobId(), event.name(), event.createdAt());
    }

    @EventHandler
    void on(IntegrationJobSaved event) {
        progress.jobSaved(event.jobId(), event.tableMaps());
    }

    @EventHandler
    void on(IntegrationJobStarted event) {
        progress.jobStarted(event.jobId(), event.runId(), event.tableMaps(), event.startedAt());
    }

    @EventHandler
    void on(IntegrationJobStopped event) {
        progress.jobStopped(event.jobId(), event.stoppedAt());
    }

    @EventHandler
    void on(IntegrationJobPaused event) {
        progress.jobPaused(event.jobId(), event.pausedAt());
    }

    @EventHandler
    void on(IntegrationJobResumed event) {
        progress.jobResumed(event.jobId(), event.resumedAt());
    }

    @EventHandler
    void on(JobCatchUpEstimated event) {
        progress.catchUpEstimated(event);
    }

    @EventHandler
    void on(JobCaughtUp event) {
        progress.caughtUp(event.jobId(), event.resumedAt(), event.caughtUpAt());
    }

    @EventHandler
    void on(ProformaConfirmed event) {
        progress.confirmed(event);
    }

    @EventHandler
    void on(SyncRecordFailed event, @MessageIdentifier String eventId) {
        progress.failed(event, eventId);
    }

    @EventHandler
    void on(InvoiceSyncPaused event) {
        progress.paused(event.invoiceId(), event.pausedAt());
    }

    @EventHandler
    void on(InvoiceSyncDismissed event) {
        progress.dismissed(event.invoiceId(), event.dismissedAt());
    }

    @ResetHandler
    public void reset() {
        progress.reset();
        // A rebuild meets every event again; what Finance set aside is decided anew.
        quarantine.liftAll(ProcessingGroups.FINANCE);
    }
}
