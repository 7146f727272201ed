package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.IntegrationJobCreated;
import io.invoicesync.kernel.integrationjob.IntegrationJobSaved;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.integrationjob.SyncErrorsDismissed;
import io.invoicesync.kernel.integrationjob.SyncErrorsRetried;
import io.invoicesync.platform.axon.ActingUser;
import io.invoicesync.query.ProcessingGroups;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job's activity log: what was done to it, by whom (the user named in the command's metadata) and when. In the
 * Finance group, so a replay rebuilds it with the progress it explains.
 */
@Component
@ProcessingGroup(ProcessingGroups.FINANCE)
class JobActivityProjection {

    /** A retry or dismissal lists at most this many invoice ids; the count says how many there were. */
    static final int LISTED_INVOICES = 100;

    private final JdbcTemplate jdbc;

    JobActivityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IntegrationJobCreated event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        record(eventId, event.jobId(), event.createdAt(), "CREATED", null, null, user);
    }

    @EventHandler
    void on(IntegrationJobSaved event, @MessageIdentifier String eventId, @Timestamp Instant at,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        record(eventId, event.jobId(), at, "SAVED", null, null, user);
    }

    @EventHandler
    void on(IntegrationJobStarted event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        record(eventId, event.jobId(), event.startedAt(), "RUN", event.runId(), null, user);
    }

    @EventHandler
    void on(IntegrationJobStopped event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        record(eventId, event.jobId(), event.stoppedAt(), "STOP", event.runId(), null, user);
    }

    @EventHandler
    void on(SyncErrorsRetried event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        record(eventId, event.jobId(), event.requestedAt(), "RETRY", null, event.invoiceIds(), user);
    }

    @EventHandler
    void on(SyncErrorsDismissed event, @MessageIdentifier String eventId,
            @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        record(eventId, event.jobId(), event.requestedAt(), "DISMISS", null, event.invoiceIds(), user);
    }

    /** Invoices null: the action is not about invoices; empty: about every failed invoice of the job. */
    private void record(String eventId, UUID jobId, Instant at, String action, UUID runId, List<UUID> invoices,
                        String user) {
        String listed = invoices == null ? null : invoices.stream().limit(LISTED_INVOICES).map(UUID::toString)
                .collect(Collectors.joining(","));
        jdbc.update("""
                INSERT INTO sync_activity (event_id, job_id, occurred_at, action, run_id, invoice_ids, invoice_count,
                    actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""", eventId, jobId,
                java.sql.Timestamp.from(at), action, runId, listed, invoices == null ? null : invoices.size(), user);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE sync_activity");
    }
}
