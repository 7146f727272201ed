package io.invoicesync.query.integrationjob;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.sync.InvoiceSyncDismissed;
import io.invoicesync.kernel.sync.InvoiceSyncPaused;
import io.invoicesync.kernel.sync.InvoiceSyncResumed;
import io.invoicesync.kernel.sync.InvoiceSyncRetried;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.SyncErrorCategory;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.SyncRecordFailed;
import io.invoicesync.kernel.sync.TableMapApplied;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * One invoice's way to Finance: the job's table maps in their sequence, batch by batch. This is the only place that
 * knows the order. Each step handles one event and publishes the next batch as an event, so the step's decision,
 * the saga's state, the published batch and the processor's token commit in one transaction: a crash repeats no
 * batch and loses none, and the saga's own batch event drives the next step (no in-memory loop, no timer).
 */
@Saga
@ProcessingGroup("invoice-sync")
@ConditionalOnProperty(name = "invoicesync.replay.command-line", havingValue = "false", matchIfMissing = true)
public class InvoiceSyncSaga {

    private UUID invoiceId;
    private UUID jobId;
    private UUID runId;
    private List<String> tableMaps = new ArrayList<>();
    private long confirmedSequence;
    private int chunks;
    private int mapIndex;
    private int nextBatch = 1;
    private boolean stepInFlight;
    private boolean paused;
    private boolean failed;

    @StartSaga
    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncStarted event, SyncBatches batches, EventBus events, Clock clock) {
        if (SyncMode.valueOf(event.mode()) == SyncMode.REAL_TIME) {
            // Real-time sync did all its maps inside the confirm request; there is nothing left to orchestrate.
            SagaLifecycle.end();
            return;
        }
        invoiceId = event.invoiceId();
        jobId = event.jobId();
        runId = event.runId();
        tableMaps = List.copyOf(event.tableMaps());
        confirmedSequence = event.confirmedSequence();
        chunks = event.chunks();
        step(batches, events, clock);
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(TableMapBatchApplied event, SyncBatches batches, EventBus events, Clock clock) {
        stepInFlight = false;
        if (!paused && !failed) {
            step(batches, events, clock);
        }
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
        // A batch published before the pause is still on its way back; it will take the next step.
        if (!stepInFlight && !failed) {
            step(batches, events, clock);
        }
    }

    @SagaEventHandler(associationProperty = "invoiceId")
    void on(InvoiceSyncRetried event, SyncBatches batches, EventBus events, Clock clock) {
        if (!failed) {
            return;
        }
        failed = false;
        if (!paused) {
            step(batches, events, clock);
        }
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

    private void step(SyncBatches batches, EventBus events, Clock clock) {
        while (mapIndex < tableMaps.size()) {
            TableMap map = TableMap.byTableName(tableMaps.get(mapIndex)).orElseThrow();
            if (nextBatch <= chunks) {
                SyncBatches.Batch batch = batches.batch(invoiceId, map, nextBatch, chunks, confirmedSequence);
                if (batch.refused()) {
                    failed = true;
                    publish(events, new SyncRecordFailed(invoiceId, jobId, runId, map.tableName(), nextBatch,
                            batch.refusedRecord(), SyncErrorCategory.APPLICATION.name(), batch.refusal().message(),
                            clock.instant()));
                    return;
                }
                publish(events, batch.applied(invoiceId, jobId, runId, map, nextBatch, clock.instant()));
                nextBatch++;
                stepInFlight = true;
                return;
            }
            publish(events, new TableMapApplied(invoiceId, jobId, runId, map.tableName(), chunks, clock.instant()));
            mapIndex++;
            nextBatch = 1;
        }
        publish(events, new InvoiceSynced(invoiceId, jobId, runId, SyncMode.ASYNC.name(), clock.instant()));
        SagaLifecycle.end();
    }

    private static void publish(EventBus events, Object payload) {
        events.publish(GenericEventMessage.asEventMessage(payload));
    }
}
