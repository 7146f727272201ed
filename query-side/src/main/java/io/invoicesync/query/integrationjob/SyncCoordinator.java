package io.invoicesync.query.integrationjob;

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
import io.invoicesync.kernel.sync.SyncErrorCategory;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.query.ProcessingGroups;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides which invoices a run syncs. It sees confirmations and job life-cycle events in one total order (one
 * segment), so "was a job active when this proforma was confirmed?" always has one answer. It holds the waiting
 * invoices (confirmed while no job runs, with no limit of time or number) and dispatches them when a job runs; it
 * pauses, resumes, retries and dismisses the invoices in flight. Every decision is an event published in the same
 * transaction as its state and token. Its handlers publish, so a replay must never run them again.
 */
@Component
@ProcessingGroup(ProcessingGroups.SYNC_COORDINATOR)
@DisallowReplay
@ConditionalOnProperty(name = "invoicesync.replay.command-line", havingValue = "false", matchIfMissing = true)
class SyncCoordinator {

    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final EventBus events;
    private final ProformaSource source;
    private final Clock clock;

    SyncCoordinator(JdbcTemplate jdbc, EventBus events, ProformaSource source, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.source = source;
        this.clock = clock;
    }

    private record ActiveRun(UUID jobId, UUID runId, List<String> tableMaps) {
    }

    @EventHandler
    void on(ProformaConfirmed event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO sync_coordinator_invoice (invoice_id, state, confirmed_sequence, chunks, line_count,
                    actual_count, connection_count) VALUES (?, 'WAITING', ?, ?, ?, ?, ?)
                ON CONFLICT (invoice_id) DO NOTHING""", event.invoiceId(), sequence, event.chunks(),
                event.lineCount(), event.actualCount(), event.connectionCount());
        activeRun().ifPresent(this::dispatchWaiting);
    }

    @EventHandler
    void on(IntegrationJobStarted event) {
        jdbc.update("""
                INSERT INTO sync_coordinator_job (id, job_id, run_id, table_maps, active) VALUES (1, ?, ?, ?, TRUE)
                ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, run_id = excluded.run_id,
                    table_maps = excluded.table_maps, active = TRUE""",
                event.jobId(), event.runId(), String.join(",", event.tableMaps()));
        // Invoices paused by a stop resume in this run first, then those that waited for a run.
        List<UUID> paused = jdbc.queryForList(
                "SELECT invoice_id FROM sync_coordinator_invoice WHERE state = 'PAUSED' ORDER BY arrival", UUID.class);
        for (UUID invoiceId : paused) {
            publish(new InvoiceSyncResumed(invoiceId, event.jobId(), event.runId(), clock.instant()));
        }
        jdbc.update("UPDATE sync_coordinator_invoice SET state = 'DISPATCHED', job_id = ? WHERE state = 'PAUSED'",
                event.jobId());
        adoptFailuresOfNoJob(event);
        dispatchWaiting(new ActiveRun(event.jobId(), event.runId(), event.tableMaps()));
    }

    /**
     * G11: an invoice that failed here before any job had run belongs to no job, so no errors list showed it and
     * nothing could retry it. The first run takes it over: reported again as this job's failure, to retry or dismiss.
     * One that real time synced meanwhile (its proposal is in Finance) needs nothing more and is forgotten.
     */
    private void adoptFailuresOfNoJob(IntegrationJobStarted event) {
        List<Object[]> orphans = jdbc.query("""
                SELECT invoice_id, failure_category, failure_cause,
                       EXISTS (SELECT 1 FROM finance_invoice_proposal p WHERE p.invoice_proposal_id = invoice_id)
                FROM sync_coordinator_invoice WHERE state = 'FAILED' AND job_id IS NULL ORDER BY arrival""",
                (rs, n) -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4)});
        for (Object[] orphan : orphans) {
            UUID invoiceId = (UUID) orphan[0];
            if ((boolean) orphan[3]) {
                releaseFromQuarantine(invoiceId);
                jdbc.update("DELETE FROM sync_coordinator_invoice WHERE invoice_id = ?", invoiceId);
                continue;
            }
            jdbc.update("UPDATE sync_coordinator_invoice SET job_id = ? WHERE invoice_id = ?", event.jobId(),
                    invoiceId);
            publish(new SyncRecordFailed(invoiceId, event.jobId(), event.runId(),
                    ProformaConfirmed.class.getSimpleName(), 0, invoiceId.toString(),
                    orphan[1] == null ? SyncErrorCategory.SYSTEM.name() : (String) orphan[1],
                    "Failed before any job ran, now this job's to retry or dismiss: " + orphan[2], clock.instant()));
        }
    }

    @EventHandler
    void on(IntegrationJobStopped event) {
        jdbc.update("UPDATE sync_coordinator_job SET active = FALSE WHERE job_id = ?", event.jobId());
        List<UUID> inFlight = jdbc.queryForList("SELECT invoice_id FROM sync_coordinator_invoice "
                + "WHERE state = 'DISPATCHED' AND job_id = ? ORDER BY arrival", UUID.class, event.jobId());
        for (UUID invoiceId : inFlight) {
            publish(new InvoiceSyncPaused(invoiceId, event.jobId(), clock.instant()));
        }
        jdbc.update("UPDATE sync_coordinator_invoice SET state = 'PAUSED' WHERE state = 'DISPATCHED' AND job_id = ?",
                event.jobId());
    }

    /**
     * A failure may be reported after the invoice's saga already finished (Finance lags the saga): it still counts.
     * One of this coordinator's own steps may have failed before it kept the invoice at all (the step's insert rolled
     * back with it): the invoice is kept now, FAILED, from its confirmation, so that it can be retried or dismissed.
     */
    @EventHandler
    void on(SyncRecordFailed event) {
        int kept = jdbc.update("UPDATE sync_coordinator_invoice SET state = 'FAILED', failure_category = ?, "
                        + "failure_cause = ?, job_id = coalesce(?, job_id) WHERE invoice_id = ?", event.category(),
                event.cause(), event.jobId(), event.invoiceId());
        if (kept > 0) {
            return;
        }
        source.confirmation(event.invoiceId()).ifPresent(confirmation -> {
            ProformaConfirmed confirmed = (ProformaConfirmed) confirmation.payload();
            jdbc.update("""
                    INSERT INTO sync_coordinator_invoice (invoice_id, state, job_id, confirmed_sequence, chunks,
                        line_count, actual_count, connection_count, failure_category, failure_cause)
                    VALUES (?, 'FAILED', ?, ?, ?, ?, ?, ?, ?, ?)""", event.invoiceId(), event.jobId(),
                    confirmation.sequence(), confirmed.chunks(), confirmed.lineCount(), confirmed.actualCount(),
                    confirmed.connectionCount(), event.category(), event.cause());
        });
    }

    /**
     * A business refusal resumes the invoice's saga where it stopped. A system failure ended the saga (and the
     * processing groups skipped the invoice's later events), so the invoice is synced again from its first batch:
     * every write is keyed by source ids, so what Finance already holds is kept, not doubled.
     */
    @EventHandler
    void on(SyncErrorsRetried event) {
        Optional<ActiveRun> run = activeRun();
        for (FailedInvoice failed : failedOf(event.jobId(), event.invoiceIds())) {
            UUID invoiceId = failed.invoiceId();
            boolean fromTheStart = SyncErrorCategory.SYSTEM.name().equals(failed.category());
            if (run.isEmpty() && !fromTheStart) {
                // A retry while no job runs waits, paused, for the next run.
                publish(new InvoiceSyncPaused(invoiceId, event.jobId(), clock.instant()));
            }
            publish(new InvoiceSyncRetried(invoiceId, event.jobId(), clock.instant()));
            releaseFromQuarantine(invoiceId);
            jdbc.update("UPDATE sync_coordinator_invoice SET state = ?, failure_category = NULL, failure_cause = NULL "
                            + "WHERE invoice_id = ?",
                    fromTheStart ? "WAITING" : run.isPresent() ? "DISPATCHED" : "PAUSED", invoiceId);
        }
        run.ifPresent(this::dispatchWaiting);
    }

    @EventHandler
    void on(SyncErrorsDismissed event) {
        for (FailedInvoice failed : failedOf(event.jobId(), event.invoiceIds())) {
            UUID invoiceId = failed.invoiceId();
            publish(new InvoiceSyncDismissed(invoiceId, event.jobId(), clock.instant()));
            releaseFromQuarantine(invoiceId);
            jdbc.update("DELETE FROM sync_coordinator_invoice WHERE invoice_id = ?", invoiceId);
        }
    }

    @EventHandler
    void on(InvoiceSynced event) {
        jdbc.update("UPDATE sync_coordinator_invoice SET state = 'SYNCED' WHERE invoice_id = ? AND state <> 'FAILED'",
                event.invoiceId());
    }

    /** Real-time sync took the invoice inside its confirm request: no run must take it again. */
    @EventHandler
    void on(InvoiceSyncStarted event) {
        if (SyncMode.valueOf(event.mode()) == SyncMode.REAL_TIME) {
            jdbc.update("DELETE FROM sync_coordinator_invoice WHERE invoice_id = ? AND state = 'WAITING'",
                    event.invoiceId());
        }
    }

    /** The coordinator handles no per-invoice retry event, so it lifts its own quarantine here (InvoiceQuarantine). */
    private void releaseFromQuarantine(UUID invoiceId) {
        jdbc.update("DELETE FROM sync_quarantine WHERE processing_group = ? AND invoice_id = ?",
                ProcessingGroups.SYNC_COORDINATOR, invoiceId);
    }

    private record FailedInvoice(UUID invoiceId, String category) {
    }

    /** The job's failed invoices among those named, all of them when none are named. */
    private List<FailedInvoice> failedOf(UUID jobId, List<UUID> invoiceIds) {
        List<FailedInvoice> failed = jdbc.query("SELECT invoice_id, failure_category FROM sync_coordinator_invoice "
                        + "WHERE state = 'FAILED' AND job_id = ? ORDER BY arrival",
                (rs, n) -> new FailedInvoice(rs.getObject(1, UUID.class), rs.getString(2)), jobId);
        return invoiceIds.isEmpty() ? failed
                : failed.stream().filter(f -> invoiceIds.contains(f.invoiceId())).toList();
    }

    private Optional<ActiveRun> activeRun() {
        return jdbc.query("SELECT job_id, run_id, table_maps FROM sync_coordinator_job WHERE id = 1 AND active",
                        (rs, n) -> new ActiveRun(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                List.of(rs.getString(3).split(","))))
                .stream().findFirst();
    }

    private void dispatchWaiting(ActiveRun run) {
        while (true) {
            List<Object[]> waiting = jdbc.query("""
                    SELECT invoice_id, confirmed_sequence, chunks, line_count, actual_count, connection_count
                    FROM sync_coordinator_invoice WHERE state = 'WAITING' ORDER BY arrival LIMIT ?""",
                    (rs, n) -> new Object[]{rs.getObject(1, UUID.class), rs.getLong(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6)}, PAGE);
            if (waiting.isEmpty()) {
                return;
            }
            for (Object[] w : waiting) {
                publish(new InvoiceSyncStarted((UUID) w[0], run.jobId(), run.runId(), SyncMode.ASYNC.name(), run.tableMaps(),
                        (long) w[1], (int) w[2], (int) w[3], (int) w[4], (int) w[5], clock.instant()));
                jdbc.update("UPDATE sync_coordinator_invoice SET state = 'DISPATCHED', job_id = ? WHERE invoice_id = ?",
                        run.jobId(), w[0]);
            }
        }
    }

    private void publish(Object payload) {
        events.publish(GenericEventMessage.asEventMessage(payload));
    }
}
