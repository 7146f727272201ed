package io.invoicesync.query.finance;

import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.kernel.sync.TableMapBatchWritten;
import io.invoicesync.query.ProcessingGroups;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.time.Clock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Finance read model: every batch a sync sends, written by its map's writer, and the batch counted in the job's
 * progress in the same transaction, with the rows it held. For an async batch it then tells the invoice's saga that
 * the batch is written ({@link TableMapBatchWritten}, in the same transaction), which lets the saga send the next;
 * not while replaying, when the saga is long done and no event may be published, nor for a batch its saga does not
 * wait for ({@link TableMapBatchApplied#acknowledged()}).
 */
@Component
@ProcessingGroup(ProcessingGroups.FINANCE)
public class FinanceProjection {

    private final FinanceBatches batches;
    private final SyncProgressTables progress;
    private final JdbcTemplate jdbc;
    private final EventBus events;
    private final Clock clock;

    public FinanceProjection(FinanceBatches batches, SyncProgressTables progress, JdbcTemplate jdbc,
                             EventBus events, Clock clock) {
        this.batches = batches;
        this.progress = progress;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventHandler
    void on(TableMapBatchApplied batch, @MessageIdentifier String eventId, ReplayStatus replay) {
        if (replay.isReplay()) {
            // Finance is written again as it was: its change log (the feed, the Kafka outbox) already told these rows.
            jdbc.execute("SET LOCAL invoicesync.finance_capture = 'off'");
        }
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
