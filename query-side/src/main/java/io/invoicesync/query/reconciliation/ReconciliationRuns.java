package io.invoicesync.query.reconciliation;

import io.invoicesync.platform.web.NotFound;
import io.invoicesync.query.proforma.InvoiceIsConfirmed;
import io.invoicesync.query.proforma.ProformaSource;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.InvoiceProgressReader.SyncedInvoice;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import io.invoicesync.query.syncstate.SyncProgressReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reconciliation on demand: every synced invoice of a job, one invoice, or those synced since a moment (any
 * combination narrows), checked again now, one transaction each, so a long range keeps no transaction open.
 */
@Component
public class ReconciliationRuns {

    /** How many mismatches an answer lists in full; the counts cover them all. */
    static final int MISMATCHES_LISTED = 100;

    private final SyncProgressReader progress;
    private final InvoiceProgressReader invoiceProgress;
    private final Reconciler reconciler;
    private final ProformaSource proformas;

    ReconciliationRuns(SyncProgressReader progress, InvoiceProgressReader invoiceProgress, Reconciler reconciler,
                       ProformaSource proformas) {
        this.progress = progress;
        this.invoiceProgress = invoiceProgress;
        this.reconciler = reconciler;
        this.proformas = proformas;
    }

    /** Which synced invoices to check: null means no restriction. */
    public record Selection(UUID jobId, UUID invoiceId, Instant since, Instant until) {
    }

    /** Told after each invoice checked. */
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> {
        };
    }

    public record Summary(long checked, long reconciled, long mismatched, List<Reconciliation> mismatches,
                          double seconds) {

        public boolean agreed() {
            return mismatched == 0;
        }
    }

    public Summary run(Selection selection, Progress progress) {
        requireKnown(selection);
        long started = System.nanoTime();
        List<SyncedInvoice> invoices = invoiceProgress.synced(selection.jobId(), selection.invoiceId(), selection.since(),
                selection.until());
        long reconciled = 0;
        List<Reconciliation> mismatches = new ArrayList<>();
        long mismatched = 0;
        long done = 0;
        progress.update(0, invoices.size());
        for (SyncedInvoice invoice : invoices) {
            Reconciliation outcome = reconciler.reconcile(invoice.invoiceId(), invoice.jobId(), invoice.syncedAt());
            if (outcome.agreed()) {
                reconciled++;
            } else {
                mismatched++;
                if (mismatches.size() < MISMATCHES_LISTED) {
                    mismatches.add(outcome);
                }
            }
            progress.update(++done, invoices.size());
        }
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
        return new Summary(done, reconciled, mismatched, mismatches, seconds);
    }

    private void requireKnown(Selection selection) {
        if (selection.jobId() != null && !progress.jobExists(selection.jobId())) {
            throw new NotFound("No integration job " + selection.jobId());
        }
        if (selection.invoiceId() != null) {
            UUID invoiceId = selection.invoiceId();
            InvoiceSyncStatus status = invoiceProgress.invoiceSync(invoiceId).map(InvoiceProgressReader.InvoiceSync::status)
                    .orElseGet(() -> statusFromTheStore(invoiceId));
            new InvoiceIsSynced(invoiceId, status).verify();
        }
    }

    /**
     * An invoice the sync has not recorded yet (confirmed a moment ago) is in the event store all the same: a
     * confirmed one waits for the sync, a draft is not confirmed; only an id the store has never seen is unknown.
     */
    private InvoiceSyncStatus statusFromTheStore(UUID invoiceId) {
        if (!proformas.exists(invoiceId)) {
            throw new NotFound("No proforma invoice " + invoiceId);
        }
        new InvoiceIsConfirmed(invoiceId, proformas.confirmation(invoiceId).isPresent()).verify();
        return InvoiceSyncStatus.WAITING;
    }
}
