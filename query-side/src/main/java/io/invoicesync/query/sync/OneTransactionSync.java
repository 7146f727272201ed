package io.invoicesync.query.sync;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ConfirmationLayout;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.sync.FitsOneTransaction;
import io.invoicesync.kernel.sync.InvoiceProposalHeader;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.finance.FinanceBatches;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.proforma.ProformaSource.SourceEvent;
import io.invoicesync.query.sync.rules.FinanceRules;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * An invoice that fits one transaction ({@link FitsOneTransaction}) written to Finance whole, in the caller's
 * transaction: its maps in the job's order ({@link InvoiceSyncPlan}), each row traced to the {@link InvoiceSynced} that
 * says so, and each map's batch in the progress. One class for every way such an invoice reaches Finance: the Finance
 * group for a job's invoice (which then publishes the event in the same transaction as its token), real time inside
 * the confirm request, and a rebuild or a resync meeting the event again. No batch event is appended and no saga is
 * involved: the invoice costs two sync events, its start and this one.
 *
 * <p>The confirmation's events are read once, in one query: its chunks' actuals and connections stand right before it
 * ({@link ConfirmationLayout}), and every map that needs a chunk takes it from there.
 */
@Component
public class OneTransactionSync {

    private final ProformaSource source;
    private final FinanceRules rules;
    private final FinanceBatches finance;
    private final SyncProgressTables progress;

    public OneTransactionSync(ProformaSource source, FinanceRules rules, FinanceBatches finance,
                              SyncProgressTables progress) {
        this.source = source;
        this.rules = rules;
        this.finance = finance;
        this.progress = progress;
    }

    /** Written with so many rows, or refused by one of Finance's rules before anything was written. */
    public record Outcome(int rows, BusinessRule refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Syncs a confirmed invoice: Finance's rules first (a refusal writes nothing), then every map of
     * {@code synced.tableMaps()}. {@code syncedEventId} is the identifier the caller publishes {@code synced} under.
     */
    public Outcome sync(InvoiceSynced synced, String syncedEventId, ConfirmationLayout layout) {
        List<SourceEvent> events = eventsOf(synced.invoiceId(), layout);
        ProformaConfirmed confirmed = (ProformaConfirmed) events.get(events.size() - 1).payload();
        Optional<BusinessRule> broken = rules.broken(confirmed);
        if (broken.isPresent()) {
            return new Outcome(0, broken.get());
        }
        return new Outcome(write(synced, syncedEventId, layout, events), null);
    }

    /**
     * Writes again what {@code synced} wrote: a rebuild or a resync. No rule is asked again: the event says the invoice
     * passed them when it was synced.
     */
    public int rewrite(InvoiceSynced synced, String syncedEventId) {
        ConfirmationLayout layout = layoutOf(synced.invoiceId());
        return write(synced, syncedEventId, layout, eventsOf(synced.invoiceId(), layout));
    }

    /** Where the confirmed invoice's events stand in its stream. */
    public ConfirmationLayout layoutOf(UUID invoiceId) {
        SourceEvent confirmation = source.confirmation(invoiceId).orElseThrow(() -> new IllegalStateException(
                "Invoice " + invoiceId + " is synced but has no confirmation"));
        return new ConfirmationLayout(confirmation.sequence(), ((ProformaConfirmed) confirmation.payload()).chunks());
    }

    private List<SourceEvent> eventsOf(UUID invoiceId, ConfirmationLayout layout) {
        List<SourceEvent> events = source.eventsBetween(invoiceId, layout.actualsOf(1), layout.confirmedSequence());
        if (!(events.get(events.size() - 1).payload() instanceof ProformaConfirmed)) {
            throw new IllegalStateException("Proforma " + invoiceId + " has no confirmation at sequence "
                    + layout.confirmedSequence());
        }
        return events;
    }

    private int write(InvoiceSynced synced, String syncedEventId, ConfirmationLayout layout,
                      List<SourceEvent> events) {
        long first = layout.actualsOf(1);
        InvoiceProposalHeader header = InvoiceProposalHeader.of(
                (ProformaConfirmed) events.get(events.size() - 1).payload());
        int rows = 0;
        InvoiceSyncPlan plan = InvoiceSyncPlan.start(TableMap.inSyncOrder(synced.tableMaps()), layout.chunks());
        for (InvoiceSyncPlan.Step step = plan.next(); !(step instanceof InvoiceSyncPlan.Synced); step = plan.next()) {
            if (!(step instanceof InvoiceSyncPlan.SendBatch send)) {
                continue;
            }
            TableMap map = send.map();
            long sequence = map == TableMap.TRANSACTION_CONNECTIONS ? layout.connectionsOf(send.number())
                    : layout.actualsOf(send.number());
            SourceEvent from = events.get((int) (sequence - first));
            TableMapBatchApplied batch = new TableMapBatchApplied(synced.invoiceId(), synced.jobId(), synced.runId(),
                    map.tableName(), send.number(), from.eventId(),
                    map == TableMap.INVOICES && send.number() == 1 ? header : null, synced.syncedAt(), false);
            int written = finance.write(batch, from.payload(), syncedEventId);
            progress.batchApplied(batch, syncedEventId, written);
            rows += written;
        }
        return rows;
    }
}
