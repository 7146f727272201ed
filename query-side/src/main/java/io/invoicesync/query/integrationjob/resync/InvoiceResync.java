package io.invoicesync.query.integrationjob.resync;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.sync.InvoiceResynced;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.platform.axon.ActingUser;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.query.finance.FinanceBatches;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.reconciliation.Reconciler;
import io.invoicesync.query.reconciliation.Reconciliation;
import io.invoicesync.query.sync.OneTransactionSync;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.InvoiceProgressReader.AppliedBatch;
import io.invoicesync.query.syncstate.SyncProgressTables;
import io.invoicesync.query.syncstate.SyncProgressTables.LockedInvoice;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs one synced invoice while the job runs, without a replay of everything: its Finance rows are deleted and
 * written again from the very events that first wrote them (same writers, same trace), then checked against
 * its events. The repair for a reconciliation mismatch or a hand edit.
 *
 * <p>One transaction: the invoice's progress row is locked first ({@link SyncProgressTables#lockInvoice}), so a resync
 * on another node, or the Finance group recording a step of the invoice, waits; only a {@code SYNCED} invoice is
 * resynced ({@link InvoiceIsNotMidSync}: one whose sync is under way, paused or failed is refused, nothing written);
 * and {@link InvoiceResynced} is published in it, with who asked in its metadata and why in the event, which the
 * activity list shows.
 */
@Component
public class InvoiceResync {

    private final SyncProgressTables progress;
    private final InvoiceProgressReader reader;
    private final FinanceBatches finance;
    private final OneTransactionSync oneTransaction;
    private final ProformaSource events;
    private final Reconciler reconciler;
    private final EventBus eventBus;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public InvoiceResync(SyncProgressTables progress, InvoiceProgressReader reader, FinanceBatches finance,
                         OneTransactionSync oneTransaction, ProformaSource events, Reconciler reconciler, EventBus eventBus,
                         PlatformTransactionManager transactions, Clock clock) {
        this.progress = progress;
        this.reader = reader;
        this.finance = finance;
        this.oneTransaction = oneTransaction;
        this.events = events;
        this.reconciler = reconciler;
        this.eventBus = eventBus;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What a resync did: rows deleted and written again, and the check that followed. */
    public record Resynced(UUID invoiceId, UUID jobId, int rowsDeleted, long rowsWritten, int batches,
                           Reconciliation reconciliation) {
    }

    /**
     * @param jobId the job the invoice must belong to; null takes the invoice's own (the command-line tool)
     * @param user  who asked, recorded as the action's user
     */
    public Resynced resync(UUID jobId, UUID invoiceId, String reason, String user) {
        return transaction.execute(status -> {
            LockedInvoice invoice = progress.lockInvoice(invoiceId)
                    .filter(found -> found.jobId() != null && (jobId == null || jobId.equals(found.jobId())))
                    .orElseThrow(() -> new NotFound("Invoice " + invoiceId + " is not in "
                            + (jobId == null ? "any integration job" : "integration job " + jobId)));
            new InvoiceIsNotMidSync(invoiceId, invoice.status()).verify();
            List<AppliedBatch> batches = reader.batchesOf(invoiceId, null, 0).stream()
                    .sorted(Comparator.comparing((AppliedBatch b) -> TableMap.byTableName(b.tableMap()).orElseThrow())
                            .thenComparing(AppliedBatch::batchNumber))
                    .toList();
            int deleted = finance.erase(invoiceId);
            long written = 0;
            Set<String> rewritten = new HashSet<>();
            for (AppliedBatch batch : batches) {
                Object applied = events.eventById(batch.appliedEventId()).payload();
                if (applied instanceof InvoiceSynced synced) {
                    // Written whole, in one transaction with its InvoiceSynced: written again whole, once.
                    written += rewritten.add(batch.appliedEventId())
                            ? oneTransaction.rewrite(synced, batch.appliedEventId()) : 0;
                    continue;
                }
                written += finance.write((TableMapBatchApplied) applied, batch.appliedEventId());
            }
            eventBus.publish(GenericEventMessage.asEventMessage(new InvoiceResynced(invoiceId, invoice.jobId(),
                    reason, written, clock.instant())).andMetaData(Map.of(ActingUser.METADATA_KEY, user)));
            Reconciliation checked = reconciler.reconcile(invoiceId, invoice.jobId(), invoice.finishedAt());
            return new Resynced(invoiceId, invoice.jobId(), deleted, written, batches.size(), checked);
        });
    }
}
