package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.IntegrationJobCreated;
import io.invoicesync.kernel.integrationjob.IntegrationJobPaused;
import io.invoicesync.kernel.integrationjob.IntegrationJobResumed;
import io.invoicesync.kernel.integrationjob.IntegrationJobSaved;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.integrationjob.SyncErrorsDismissed;
import io.invoicesync.kernel.integrationjob.SyncErrorsRetried;
import io.invoicesync.kernel.sync.InvoiceResynced;
import io.invoicesync.platform.axon.ActingUser;
import io.invoicesync.query.processing.ProcessingGroups;
import io.invoicesync.query.syncstate.JobAction;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * The job's activity log: what was done to it, by whom (the user named in the command's metadata) and when. In the
 * Finance group, so a replay rebuilds it with the progress it explains.
 */
@Component
@ProcessingGroup(ProcessingGroups.FINANCE)
class JobActivityProjection {

    private final SyncProgressTables progress;

    JobActivityProjection(SyncProgressTables progress) {
        this.progress = progress;
    }

    @EventHandler
    void on(IntegrationJobCreated event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.createdAt(), JobAction.CREATED, null, null, user);
    }

    @EventHandler
    void on(IntegrationJobSaved event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), at, JobAction.SAVED, null, null, user);
    }

    @EventHandler
    void on(IntegrationJobStarted event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.startedAt(), JobAction.RUN, event.runId(), null, user);
    }

    @EventHandler
    void on(IntegrationJobStopped event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.stoppedAt(), JobAction.STOP, event.runId(), null, user);
    }

    @EventHandler
    void on(IntegrationJobPaused event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.pausedAt(), JobAction.PAUSE, event.runId(), null, user);
    }

    @EventHandler
    void on(IntegrationJobResumed event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.resumedAt(), JobAction.RESUME, event.runId(), null, user);
    }

    @EventHandler
    void on(SyncErrorsRetried event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.requestedAt(), JobAction.RETRY, null, event.invoiceIds(), user);
    }

    @EventHandler
    void on(SyncErrorsDismissed event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.requestedAt(), JobAction.DISMISS, null, event.invoiceIds(),
                user);
    }

    @EventHandler
    void on(InvoiceResynced event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        progress.activity(eventId, event.jobId(), event.resyncedAt(), JobAction.RESYNC, null,
                List.of(event.invoiceId()), user, event.reason());
    }

    @ResetHandler
    void reset() {
        progress.resetActivity();
    }
}
