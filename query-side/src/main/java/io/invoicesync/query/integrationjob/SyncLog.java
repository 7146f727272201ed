package io.invoicesync.query.integrationjob;

import io.invoicesync.kernel.integrationjob.IntegrationJobPaused;
import io.invoicesync.kernel.integrationjob.IntegrationJobResumed;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.JobCatchUpEstimated;
import io.invoicesync.kernel.sync.JobCaughtUp;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.platform.axon.ActingUser;
import io.invoicesync.query.RunsOnlyInTheApp;
import io.invoicesync.query.processing.ProcessingGroups;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One INFO line per job run and stop, per invoice synced or failed, with ids, rows and duration: what an operator
 * greps for. In the coordinator's group, which sees each event once across all nodes and is never replayed, so a
 * replay does not log history again; not in the replay tool, whose processors must not move that group's token.
 */
@Component
@ProcessingGroup(ProcessingGroups.SYNC_COORDINATOR)
@DisallowReplay
@RunsOnlyInTheApp
class SyncLog {

    private static final Logger log = LoggerFactory.getLogger("io.invoicesync.sync");

    /** Invoices in flight on this node: when each started and how many rows it holds, for the line at its end. */
    private final Map<UUID, InvoiceSyncStarted> started = new ConcurrentHashMap<>();

    @EventHandler
    void on(IntegrationJobStarted event, @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        log.info("Job {} run {} started by {}: maps {}", event.jobId(), event.runId(), user == null ? "?" : user,
                String.join(" -> ", event.tableMaps()));
    }

    @EventHandler
    void on(IntegrationJobStopped event, @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        log.info("Job {} run {} stopped by {}; batches already sent still land", event.jobId(), event.runId(),
                user == null ? "?" : user);
    }

    @EventHandler
    void on(IntegrationJobPaused event, @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        log.info("Job {} run {} paused by {}; confirmations queue for it until it resumes", event.jobId(),
                event.runId(), user == null ? "?" : user);
    }

    @EventHandler
    void on(IntegrationJobResumed event, @MetaDataValue(ActingUser.METADATA_KEY) String user) {
        log.info("Job {} run {} resumed by {}", event.jobId(), event.runId(), user == null ? "?" : user);
    }

    @EventHandler
    void on(JobCatchUpEstimated event) {
        log.info("Job {} run {} catches up with {} invoices ({} rows): {}", event.jobId(), event.runId(),
                event.invoices(), event.rows(), event.estimatedSeconds() == null ? "no pace to estimate by"
                        : "about " + event.estimatedSeconds() + " s at " + event.rowsPerSecond() + " rows/s");
    }

    @EventHandler
    void on(JobCaughtUp event) {
        log.info("Job {} run {} caught up in {} s", event.jobId(), event.runId(),
                Duration.between(event.resumedAt(), event.caughtUpAt()).toSeconds());
    }

    @EventHandler
    void on(InvoiceSyncStarted event) {
        started.put(event.invoiceId(), event);
    }

    @EventHandler
    void on(InvoiceSynced event) {
        InvoiceSyncStarted start = started.remove(event.invoiceId());
        // Real time has no job nor run: the log says "in real time" rather than "job null run null".
        String by = event.jobId() == null ? "in real time" : "job " + event.jobId() + " run " + event.runId();
        if (start == null) {
            log.info("Invoice {} synced ({}), {}", event.invoiceId(), event.mode(), by);
            return;
        }
        long rows = start.lineCount() + 1L + start.actualCount() + start.connectionCount();
        double seconds = Duration.between(start.startedAt(), event.syncedAt()).toMillis() / 1000.0;
        log.info("Invoice {} synced ({}), {}: {} rows in {} s ({} rows/s)", event.invoiceId(), event.mode(), by, rows,
                String.format("%.1f", seconds), seconds > 0 ? Math.round(rows / seconds) : rows);
    }

    @EventHandler
    void on(SyncRecordFailed event) {
        InvoiceSyncStarted start = started.remove(event.invoiceId());
        String after = start == null ? "" : " after " + String.format("%.1f",
                Duration.between(start.startedAt(), event.failedAt()).toMillis() / 1000.0) + " s";
        log.info("Invoice {} failed{}, job {} run {}: {} error in {} batch {} (record {}): {}", event.invoiceId(),
                after, event.jobId(), event.runId(), event.category(), event.tableMap(), event.batchNumber(),
                event.recordId(), event.cause());
    }
}
