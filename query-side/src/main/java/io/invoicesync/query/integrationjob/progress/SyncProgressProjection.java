package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.kernel.integrationjob.IntegrationJobCreated;
import io.invoicesync.kernel.integrationjob.IntegrationJobSaved;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncPaused;
import io.invoicesync.kernel.sync.InvoiceSyncResumed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.ProcessingGroups;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * G4: per job, per invoice and per batch, what is waiting, applied and failed. Same processing group as the Finance
 * rows, so a batch's rows and its progress record commit together with the token: the counts never disagree.
 */
@Component
@ProcessingGroup(ProcessingGroups.FINANCE)
public class SyncProgressProjection {

    private final JdbcTemplate jdbc;

    public SyncProgressProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IntegrationJobCreated event) {
        jdbc.update("INSERT INTO sync_job (job_id, name, status, created_at) VALUES (?, ?, 'DRAFT', ?) "
                + "ON CONFLICT (job_id) DO NOTHING", event.jobId(), event.name(), ts(event.createdAt()));
    }

    @EventHandler
    void on(IntegrationJobSaved event) {
        jdbc.update("UPDATE sync_job SET status = 'SAVED', table_maps = ? WHERE job_id = ?",
                String.join(",", event.tableMaps()), event.jobId());
    }

    @EventHandler
    void on(IntegrationJobStarted event) {
        jdbc.update("UPDATE sync_job SET status = 'ACTIVE', run_id = ?, table_maps = ?, started_at = ?, "
                        + "stopped_at = NULL WHERE job_id = ?", event.runId(), String.join(",", event.tableMaps()),
                ts(event.startedAt()), event.jobId());
    }

    @EventHandler
    void on(IntegrationJobStopped event) {
        jdbc.update("UPDATE sync_job SET status = 'STOPPED', stopped_at = ? WHERE job_id = ?",
                ts(event.stoppedAt()), event.jobId());
    }

    @EventHandler
    void on(ProformaConfirmed event) {
        jdbc.update("""
                INSERT INTO sync_invoice (invoice_id, status, line_count, actual_count, connection_count, chunks,
                    confirmed_at, updated_at) VALUES (?, 'WAITING', ?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id) DO NOTHING""", event.invoiceId(), event.lineCount(), event.actualCount(),
                event.connectionCount(), event.chunks(), ts(event.confirmedAt()), ts(event.confirmedAt()));
    }

    @EventHandler
    void on(InvoiceSyncStarted event) {
        jdbc.update("""
                UPDATE sync_invoice SET status = 'IN_PROGRESS', mode = ?, job_id = ?, run_id = ?, current_map = ?,
                    started_at = ?, updated_at = ? WHERE invoice_id = ?""", event.mode(), event.jobId(),
                event.runId(), event.tableMaps().get(0), ts(event.startedAt()), ts(event.startedAt()),
                event.invoiceId());
    }

    /**
     * Counts a batch Finance has just written, with the rows it held: called by the Finance projection in the same
     * transaction, since only the writer, which reads the batch's source, knows how many rows it held.
     */
    public void batchApplied(TableMapBatchApplied event, String eventId, int rows) {
        jdbc.update("""
                INSERT INTO sync_batch (invoice_id, table_map, batch_number, job_id, run_id, row_count,
                    source_event_id, applied_event_id, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id, table_map, batch_number) DO NOTHING""", event.invoiceId(),
                event.tableMap(), event.batchNumber(), event.jobId(), event.runId(), rows,
                event.sourceEventId(), eventId, ts(event.appliedAt()));
        jdbc.update("UPDATE sync_invoice SET current_map = ?, updated_at = ? WHERE invoice_id = ?",
                event.tableMap(), ts(event.appliedAt()), event.invoiceId());
    }

    @EventHandler
    void on(SyncRecordFailed event, @MessageIdentifier String eventId) {
        jdbc.update("""
                INSERT INTO sync_error (event_id, invoice_id, job_id, run_id, table_map, batch_number, record_id,
                    category, cause, status, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
                ON CONFLICT (event_id) DO NOTHING""", eventId, event.invoiceId(), event.jobId(), event.runId(),
                event.tableMap(), event.batchNumber(), event.recordId(), event.category(), event.cause(),
                ts(event.failedAt()));
        jdbc.update("UPDATE sync_invoice SET status = 'FAILED', current_map = ?, updated_at = ? WHERE invoice_id = ?",
                event.tableMap(), ts(event.failedAt()), event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSyncPaused event) {
        jdbc.update("UPDATE sync_invoice SET status = 'PAUSED', updated_at = ? WHERE invoice_id = ?",
                ts(event.pausedAt()), event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSyncResumed event) {
        jdbc.update("UPDATE sync_invoice SET status = CASE WHEN status = 'PAUSED' THEN 'IN_PROGRESS' ELSE status END, "
                        + "job_id = ?, run_id = ?, updated_at = ? WHERE invoice_id = ?", event.jobId(), event.runId(),
                ts(event.resumedAt()), event.invoiceId());
    }

    /**
     * A business refusal retried resumes where it stopped (in progress); a system failure retried is synced again
     * from its first batch, so it waits for its new start (InvoiceSyncStarted says when).
     */
    @EventHandler
    void on(InvoiceSyncRetried event) {
        jdbc.update("""
                UPDATE sync_invoice SET status = CASE WHEN status <> 'FAILED' THEN status
                    WHEN EXISTS (SELECT 1 FROM sync_error e WHERE e.invoice_id = sync_invoice.invoice_id
                                 AND e.status = 'OPEN' AND e.category = 'SYSTEM') THEN 'WAITING'
                    ELSE 'IN_PROGRESS' END, updated_at = ? WHERE invoice_id = ?""",
                ts(event.retriedAt()), event.invoiceId());
        jdbc.update("UPDATE sync_error SET status = 'RETRIED', resolved_at = ? WHERE invoice_id = ? AND status = 'OPEN'",
                ts(event.retriedAt()), event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSyncDismissed event) {
        jdbc.update("UPDATE sync_error SET status = 'DISMISSED', resolved_at = ? WHERE invoice_id = ? "
                + "AND status = 'OPEN'", ts(event.dismissedAt()), event.invoiceId());
        jdbc.update("UPDATE sync_invoice SET status = 'DISMISSED', updated_at = ? WHERE invoice_id = ?",
                ts(event.dismissedAt()), event.invoiceId());
    }

    @EventHandler
    void on(InvoiceSynced event) {
        jdbc.update("UPDATE sync_invoice SET status = 'SYNCED', current_map = NULL, finished_at = ?, updated_at = ? "
                + "WHERE invoice_id = ?", ts(event.syncedAt()), ts(event.syncedAt()), event.invoiceId());
        // This group applies an invoice's events in order, so every Finance row of it is written: queue its check.
        jdbc.update("INSERT INTO sync_reconciliation_queue (invoice_id, job_id, synced_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (invoice_id) DO NOTHING", event.invoiceId(), event.jobId(), ts(event.syncedAt()));
    }

    @ResetHandler
    public void reset() {
        // The checks described the Finance being rebuilt; the replayed InvoiceSynced events queue each invoice again.
        jdbc.execute("TRUNCATE sync_job, sync_invoice, sync_batch, sync_error, sync_reconciliation, "
                + "sync_reconciliation_queue");
        // A rebuild meets every event again; what Finance set aside is decided anew.
        jdbc.update("DELETE FROM sync_quarantine WHERE processing_group = 'finance'");
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
