package io.invoicesync.query.sync;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ConfirmationLayout;
import io.invoicesync.kernel.sync.FitsOneTransaction;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncPaused;
import io.invoicesync.kernel.sync.InvoiceSyncResumed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.SyncErrorCategory;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapBatchWritten;
import io.invoicesync.query.RunsOnlyInTheApp;
import io.invoicesync.query.processing.ProcessingGroups;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * A larger invoice's way to Finance (one that does not fit one transaction, {@link FitsOneTransaction}; a smaller one
 * Finance writes whole, {@link OneTransactionSync}): the job's table maps in the order Finance needs them
 * ({@link TableMap#inSyncOrder}), batch by batch. Each step handles one event and publishes batches as events, so the step's decision, the saga's
 * state, the published batches and the processor's token commit in one transaction: a crash repeats no batch and
 * loses none, and the saga's own batch events drive the next steps (no in-memory loop, no timer).
 *
 * <p>It keeps a few batches in flight ({@link SyncBatches#inFlight()}): published, not yet written by Finance. Each
 * {@link TableMapBatchWritten} lets one more go. A batch only names its source rows, so publishing it costs a row
 * lookup, and the Finance group, which applies one invoice's events in order, always has the next batch waiting
 * instead of one round trip through the event store per batch; yet the saga never runs ahead of Finance by more
 * than the window, so a stop halts the invoice within it (the batches already in flight land).
 */
@Saga
@ProcessingGroup(ProcessingGroups.INVOICE_SYNC)
@RunsOnlyInTheApp
public class InvoiceSyncSaga {

    private UUID invoiceId;
    private UUID jobId;
    private UUID runId;
    private List<String> tableMaps = new ArrayList<>();
    private long confirmedSequence;
    private int chunks;
    private int mapIndex;
    private int nextBatch = 1;
    private int inFlight;
    private boolean paused;
    private boolean failed;

    @StartSaga
    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncStarted event, SyncBatches batches, EventBus events, Clock clock) {
        if (SyncMode.valueOf(event.mode()) == SyncMode.REAL_TIME || new FitsOneTransaction(event.lineCount()).holds()) {
            // Real time wrote the invoice inside its confirm request, and Finance writes a small one whole
            // (OneTransactionSync): there is nothing to orchestrate.
            SagaLifecycle.end();
            return;
        }
        invoiceId = event.invoiceId();
        jobId = event.jobId();
        runId = event.runId();
        tableMaps = TableMap.inSyncOrder(event.tableMaps()).stream().map(TableMap::tableName).toList();
        confirmedSequence = event.confirmedSequence();
        chunks = event.chunks();
        send(batches, events, clock);
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(TableMapBatchWritten event, SyncBatches batches, EventBus events, Clock clock) {
        inFlight = Math.max(0, inFlight - 1);
        send(batches, events, clock);
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncPaused event) {
        paused = true;
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncResumed event, SyncBatches batches, EventBus events, Clock clock) {
        paused = false;
        jobId = event.jobId();
        runId = event.runId();
        // Batches published before the pause may not be written yet; they count against the window.
        send(batches, events, clock);
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncRetried event, SyncBatches batches, EventBus events, Clock clock) {
        if (!failed) {
            return;
        }
        failed = false;
        send(batches, events, clock);
    }

    /**
     * A system failure (a processing group set the invoice aside after its retry budget) ends this saga: the groups
     * skip the invoice's later events, and a retry syncs the invoice again from its first batch, in a new saga. A
     * business refusal is this saga's own, and it waits for the retry.
     */
    @SagaEventHandler(associationProperty = "invoiceId")
    void on(SyncRecordFailed event) {
        if (SyncErrorCategory.SYSTEM.name().equals(event.category())) {
            SagaLifecycle.end();
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncDismissed event) {
        // Dismissed: the invoice stays where it stopped; its errors remain visible as dismissed.
    }

    /**
     * Sends the plan's next steps ({@link InvoiceSyncPlan}: map order and batch boundaries) until the window is full,
     * the invoice is paused or failed, or it is synced. The step's events are published together at its end, in plan
     * order.
     */
    private void send(SyncBatches batches, EventBus events, Clock clock) {
        List<Object> step = new ArrayList<>();
        walk(batches, clock, step);
        for (Object payload : step) {
            events.publish(GenericEventMessage.asEventMessage(payload));
        }
    }

    /**
     * Walks the plan as far as the window lets it, adding the step's events. The invoice is synced once Finance has
     * written its last batch (the last {@link TableMapBatchWritten}), never while a batch is still on its way.
     */
    private void walk(SyncBatches batches, Clock clock, List<Object> step) {
        ConfirmationLayout layout = new ConfirmationLayout(confirmedSequence, chunks);
        InvoiceSyncPlan plan = InvoiceSyncPlan.at(TableMap.inSyncOrder(tableMaps), chunks, mapIndex, nextBatch);
        try {
            while (!paused && !failed && inFlight < batches.inFlight()) {
                InvoiceSyncPlan.Step next = plan.next();
                if (next instanceof InvoiceSyncPlan.Synced) {
                    if (inFlight == 0) {
                        step.add(new InvoiceSynced(invoiceId, jobId, runId, SyncMode.ASYNC.name(), clock.instant()));
                        SagaLifecycle.end();
                    }
                    return;
                }
                if (next instanceof InvoiceSyncPlan.MapApplied) {
                    continue;
                }
                InvoiceSyncPlan.SendBatch send = (InvoiceSyncPlan.SendBatch) next;
                SyncBatches.Batch batch = batches.batch(invoiceId, send.map(), send.number(), layout);
                if (batch.refused()) {
                    plan.retryLastBatch();
                    failed = true;
                    step.add(new SyncRecordFailed(invoiceId, jobId, runId, send.map().tableName(),
                            send.number(), batch.refusedRecord(), SyncErrorCategory.APPLICATION.name(),
                            batch.refusal().message(), clock.instant(), batch.refusal().name(),
                            batch.refusal().subject()));
                    return;
                }
                step.add(batch.applied(invoiceId, jobId, runId, send.map(), send.number(), clock.instant()));
                inFlight++;
            }
        } finally {
            mapIndex = plan.mapIndex();
            nextBatch = plan.nextBatch();
        }
    }
}
