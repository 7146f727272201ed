package io.invoicesync.query.realtime;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ConfirmationLayout;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.kernel.rules.Refusal;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.RealTimeSyncWithinLimit;
import io.invoicesync.kernel.sync.SyncMode;
import io.invoicesync.kernel.sync.TableMapApplied;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.FinanceBatches;
import io.invoicesync.query.integrationjob.SyncBatches;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Real-time dual-write: the three maps of one small invoice, written to Finance now, in one transaction with the sync
 * events that record them, through the same per-map writers as the async path. Either all of it is in Finance when
 * the call returns, or none of it (a refusal rolls back). The Finance group later meets the same events and, keyed
 * by source ids, changes nothing; a rebuild replays them like any async batch.
 */
@Service
public class RealTimeSync {

    private final EventStore eventStore;
    private final SyncBatches batches;
    private final FinanceBatches finance;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    public RealTimeSync(EventStore eventStore, SyncBatches batches, FinanceBatches finance, Clock clock,
                        JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.batches = batches;
        this.finance = finance;
        this.clock = clock;
    }

    public record Result(UUID invoiceId, String status, int rows) {
    }

    @Transactional
    public Result sync(UUID invoiceId) {
        // One real-time sync per invoice at a time: a second call waits here, then finds the first one's rows.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", invoiceId.toString());
        DomainEventMessage<?> confirmation = confirmationOf(invoiceId);
        new InvoiceIsNotSyncedYet(invoiceId, syncOf(invoiceId), jobHasRun()).verify();
        ProformaConfirmed confirmed = (ProformaConfirmed) confirmation.getPayload();
        // No job has run (InvoiceIsNotSyncedYet), so no job owns the maps: the limit holds.
        new RealTimeSyncWithinLimit("invoiceId", false, confirmed.lineCount()).verify();
        List<TableMap> maps = TableMap.inSyncOrder();
        ConfirmationLayout layout = new ConfirmationLayout(confirmation.getSequenceNumber(), confirmed.chunks());
        eventStore.publish(GenericEventMessage.asEventMessage(new InvoiceSyncStarted(invoiceId, null, null,
                SyncMode.REAL_TIME.name(), maps.stream().map(TableMap::tableName).toList(),
                layout.confirmedSequence(), confirmed.chunks(), confirmed.lineCount(), confirmed.actualCount(),
                confirmed.connectionCount(), clock.instant())));
        int rows = 0;
        for (TableMap map : maps) {
            for (int batchNumber = 1; batchNumber <= confirmed.chunks(); batchNumber++) {
                SyncBatches.Batch batch = batches.batch(invoiceId, map, batchNumber, layout);
                if (batch.refused()) {
                    throw new BusinessRuleViolation(batch.refusal());
                }
                TableMapBatchApplied applied = batch.applied(invoiceId, null, null, map, batchNumber, clock.instant());
                EventMessage<TableMapBatchApplied> message = GenericEventMessage.asEventMessage(applied);
                eventStore.publish(message);
                rows += finance.write(applied, message.getIdentifier());
            }
            eventStore.publish(GenericEventMessage.asEventMessage(new TableMapApplied(invoiceId, null, null,
                    map.tableName(), confirmed.chunks(), clock.instant())));
        }
        eventStore.publish(GenericEventMessage.asEventMessage(
                new InvoiceSynced(invoiceId, null, null, SyncMode.REAL_TIME.name(), clock.instant())));
        return new Result(invoiceId, "SYNCED", rows);
    }

    /** What Finance or a job already did with the invoice: its proposal's sync mode, else its progress status. */
    private Optional<String> syncOf(UUID invoiceId) {
        return jdbc.queryForList("""
                SELECT coalesce((SELECT sync_mode FROM finance_invoice_proposal WHERE invoice_proposal_id = ?),
                                (SELECT status FROM sync_invoice WHERE invoice_id = ? AND status <> 'WAITING'),
                                (SELECT state FROM sync_coordinator_invoice WHERE invoice_id = ? AND state <> 'WAITING'))
                """, String.class, invoiceId, invoiceId, invoiceId).stream().filter(Objects::nonNull)
                .findFirst();
    }

    private boolean jobHasRun() {
        return !jdbc.queryForList("SELECT job_id FROM sync_coordinator_job", UUID.class).isEmpty();
    }

    private DomainEventMessage<?> confirmationOf(UUID invoiceId) {
        DomainEventStream stream = eventStore.readEvents(invoiceId.toString(), 0);
        DomainEventMessage<?> last = null;
        while (stream.hasNext()) {
            last = stream.next();
        }
        if (last == null) {
            throw new BusinessRuleViolation("invoice-exists", "invoiceId", "Proforma invoice " + invoiceId
                    + " does not exist", Refusal.NOT_FOUND);
        }
        if (!(last.getPayload() instanceof ProformaConfirmed)) {
            throw new BusinessRuleViolation("invoice-is-confirmed", "invoiceId", "Proforma invoice " + invoiceId
                    + " is not confirmed; only confirmed invoices go to Finance", Refusal.STATE_CONFLICT);
        }
        return last;
    }
}
