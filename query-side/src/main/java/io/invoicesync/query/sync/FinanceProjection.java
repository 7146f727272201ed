package io.invoicesync.query.sync;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ConfirmationLayout;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.sync.FitsOneTransaction;
import io.invoicesync.kernel.sync.InvoiceSyncResumed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.SyncErrorCategory;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.kernel.sync.TableMapBatchWritten;
import io.invoicesync.query.finance.FinanceBatches;
import io.invoicesync.query.processing.ProcessingGroups;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Finance read model, and the invoice's progress in the same transaction as its rows.
 *
 * <p>An invoice that fits one transaction ({@link FitsOneTransaction}) is written whole when its async sync starts:
 * its maps, their progress, the {@link InvoiceSynced} that says so (whose identifier every row's trace names) and the
 * processor's token commit together, so its status reads {@code SYNCED} the moment its rows are there. Finance's rules
 * refusing it write nothing and report the failure; a retry or the next run writes it then. A rebuild writes the rows
 * again when it meets the {@link InvoiceSynced} that wrote them.
 *
 * <p>A larger invoice comes batch by batch from its saga: each batch written by its map's writer and counted in the
 * progress, and then the saga told that it is written ({@link TableMapBatchWritten}, in the same transaction), which
 * lets it send the next; not while replaying, when the saga is long done and no event may be published, nor for a batch
 * its saga does not wait for ({@link TableMapBatchApplied#acknowledged()}).
 */
@Component
@ProcessingGroup(ProcessingGroups.FINANCE)
public class FinanceProjection {

    private final FinanceBatches batches;
    private final OneTransactionSync oneTransaction;
    private final SyncProgressTables progress;
    private final InvoiceProgressReader reader;
    private final JdbcTemplate jdbc;
    private final EventBus events;
    private final Clock clock;

    public FinanceProjection(FinanceBatches batches, OneTransactionSync oneTransaction, SyncProgressTables progress,
                             InvoiceProgressReader reader, JdbcTemplate jdbc, EventBus events, Clock clock) {
        this.batches = batches;
        this.oneTransaction = oneTransaction;
        this.progress = progress;
        this.reader = reader;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventHandler
    void on(InvoiceSyncStarted event, ReplayStatus replay) {
        progress.started(event.invoiceId(), event.mode(), event.jobId(), event.runId(), event.tableMaps().get(0),
                event.startedAt());
        if (!replay.isReplay() && SyncMode.valueOf(event.mode()) == SyncMode.ASYNC
                && new FitsOneTransaction(event.lineCount()).holds()) {
            sync(event.invoiceId(), event.jobId(), event.runId(), event.tableMaps(),
                    new ConfirmationLayout(event.confirmedSequence(), event.chunks()));
        }
    }

    /** A business refusal retried while a job runs: the invoice is in progress again, and written now. */
    @EventHandler
    void on(InvoiceSyncRetried event, ReplayStatus replay) {
        progress.retried(event.invoiceId(), event.retriedAt());
        if (!replay.isReplay()) {
            syncAgain(event.invoiceId());
        }
    }

    /** A refusal retried while no job ran went on waiting, paused: the new run writes it. */
    @EventHandler
    void on(InvoiceSyncResumed event, ReplayStatus replay) {
        progress.resumed(event.invoiceId(), event.jobId(), event.runId(), event.resumedAt());
        if (!replay.isReplay()) {
            syncAgain(event.invoiceId());
        }
    }

    @EventHandler
    void on(InvoiceSynced event, @MessageIdentifier String eventId, ReplayStatus replay) {
        if (event.wroteRows() && replay.isReplay()) {
            // Live, the rows and their progress were written with this event (here, or in real time's request).
            captureUnlessReplay(replay);
            oneTransaction.rewrite(event, eventId);
        }
        progress.synced(event.invoiceId(), event.jobId(), event.syncedAt());
    }

    /** Its own sync of a small invoice is in progress again (retried, resumed): write it, as at its start. */
    private void syncAgain(UUID invoiceId) {
        reader.oneTransactionToResume(invoiceId).ifPresent(resume -> sync(invoiceId, resume.jobId(), resume.runId(),
                resume.tableMaps(), oneTransaction.layoutOf(invoiceId)));
    }

    private void sync(UUID invoiceId, UUID jobId, UUID runId, List<String> tableMaps, ConfirmationLayout layout) {
        InvoiceSynced synced = new InvoiceSynced(invoiceId, jobId, runId, SyncMode.ASYNC.name(), clock.instant(),
                TableMap.inSyncOrder(tableMaps).stream().map(TableMap::tableName).toList());
        EventMessage<InvoiceSynced> message = GenericEventMessage.asEventMessage(synced);
        OneTransactionSync.Outcome outcome = oneTransaction.sync(synced, message.getIdentifier(), layout);
        if (outcome.refused()) {
            BusinessRule refusal = outcome.refusal();
            events.publish(GenericEventMessage.asEventMessage(new SyncRecordFailed(invoiceId, jobId, runId,
                    TableMap.INVOICES.tableName(), 1, invoiceId.toString(), SyncErrorCategory.APPLICATION.name(),
                    refusal.message(), clock.instant(), refusal.name(), refusal.subject())));
            return;
        }
        progress.synced(invoiceId, jobId, synced.syncedAt());
        events.publish(message);
    }

    private void captureUnlessReplay(ReplayStatus replay) {
        if (replay.isReplay()) {
            // Finance is written again as it was: its change log (the feed, the Kafka outbox) already told these rows.
            jdbc.execute("SET LOCAL invoicesync.finance_capture = 'off'");
        }
    }

    @EventHandler
    void on(TableMapBatchApplied batch, @MessageIdentifier String eventId, ReplayStatus replay) {
        captureUnlessReplay(replay);
        int rows = batches.write(batch, eventId);
        progress.batchApplied(batch, eventId, rows);
        if (batch.acknowledged() && !replay.isReplay()) {
            events.publish(GenericEventMessage.asEventMessage(new TableMapBatchWritten(batch.invoiceId(),
                    batch.jobId(), batch.runId(), batch.tableMap(), batch.batchNumber(), rows, clock.instant())));
        }
    }

    /** Dropping the proposals drops what points at them: the model is rebuilt from events. */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE finance_transaction_connection, finance_actual, finance_invoice_proposal_line, "
                + "finance_invoice_proposal CASCADE");
    }
}
