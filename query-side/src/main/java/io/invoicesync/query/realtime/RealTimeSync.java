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
import io.invoicesync.query.proforma.InvoiceIsConfirmed;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.sync.OneTransactionSync;
import io.invoicesync.query.syncstate.CoordinatorState;
import io.invoicesync.query.syncstate.CoordinatorTables;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Real-time dual-write: the three maps of one small invoice, written to Finance now, in one transaction with the two
 * sync events that record them, by the same one-transaction sync as a job's small invoice ({@link OneTransactionSync}).
 * Either all of it is in Finance when the call returns, or none of it (a refusal rolls back). The Finance group later
 * meets the same events and records the invoice synced; a rebuild writes the rows again from them.
 */
@Service
public class RealTimeSync {

    private final EventStore eventStore;
    private final ProformaSource proformas;
    private final OneTransactionSync oneTransaction;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final InvoiceProgressReader progress;
    private final CoordinatorTables coordinator;

    public RealTimeSync(EventStore eventStore, ProformaSource proformas, OneTransactionSync oneTransaction, Clock clock,
                        JdbcTemplate jdbc, InvoiceProgressReader progress, CoordinatorTables coordinator) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.coordinator = coordinator;
        this.eventStore = eventStore;
        this.proformas = proformas;
        this.oneTransaction = oneTransaction;
        this.clock = clock;
    }

    public record Result(UUID invoiceId, String status, int rows) {
    }

    @Transactional
    public Result sync(UUID invoiceId) {
        // One real-time sync per invoice at a time: a second call waits here, then finds the first one's rows.
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))", invoiceId.toString());
        ProformaSource.SourceEvent confirmation = confirmationOf(invoiceId);
        new InvoiceIsNotSyncedYet(invoiceId, syncOf(invoiceId), jobHasRun()).verify();
        ProformaConfirmed confirmed = (ProformaConfirmed) confirmation.payload();
        // No job has run (InvoiceIsNotSyncedYet), so no job owns the maps: the limit holds.
        new RealTimeSyncWithinLimit("invoiceId", false, confirmed.lineCount()).verify();
        List<String> maps = TableMap.tableNames();
        ConfirmationLayout layout = new ConfirmationLayout(confirmation.sequence(), confirmed.chunks());
        eventStore.publish(GenericEventMessage.asEventMessage(new InvoiceSyncStarted(invoiceId, null, null,
                SyncMode.REAL_TIME.name(), maps, layout.confirmedSequence(), confirmed.chunks(), confirmed.lineCount(),
                confirmed.actualCount(), confirmed.connectionCount(), clock.instant())));
        EventMessage<InvoiceSynced> synced = GenericEventMessage.asEventMessage(
                new InvoiceSynced(invoiceId, null, null, SyncMode.REAL_TIME.name(), clock.instant(), maps));
        OneTransactionSync.Outcome outcome = oneTransaction.sync(synced.getPayload(), synced.getIdentifier(), layout);
        if (outcome.refused()) {
            throw new BusinessRuleViolation(outcome.refusal());
        }
        eventStore.publish(synced);
        return new Result(invoiceId, "SYNCED", outcome.rows());
    }

    /** What Finance or a job already did with the invoice: its proposal's sync mode, else its progress status. */
    private Optional<String> syncOf(UUID invoiceId) {
        Optional<String> inFinance = jdbc.queryForList("SELECT sync_mode FROM finance_invoice_proposal "
                + "WHERE invoice_proposal_id = ?", String.class, invoiceId).stream().findFirst();
        return inFinance
                .or(() -> progress.invoiceSync(invoiceId).map(InvoiceProgressReader.InvoiceSync::status)
                        .filter(status -> status != InvoiceSyncStatus.WAITING).map(Enum::name))
                .or(() -> coordinator.stateOf(invoiceId).filter(state -> state != CoordinatorState.WAITING)
                        .map(Enum::name));
    }

    private boolean jobHasRun() {
        return coordinator.owningJob().isPresent();
    }

    private ProformaSource.SourceEvent confirmationOf(UUID invoiceId) {
        return proformas.confirmation(invoiceId).orElseThrow(() -> proformas.exists(invoiceId)
                ? new BusinessRuleViolation(new InvoiceIsConfirmed(invoiceId, false))
                : new BusinessRuleViolation("invoice-exists", "invoiceId", "Proforma invoice " + invoiceId
                        + " does not exist", Refusal.NOT_FOUND));
    }
}
