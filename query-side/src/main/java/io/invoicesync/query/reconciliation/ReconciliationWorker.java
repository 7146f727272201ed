package io.invoicesync.query.reconciliation;

import io.invoicesync.query.RunsOnlyInTheApp;
import io.invoicesync.query.syncstate.SyncProgressTables;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks each synced invoice soon after Finance has all of it, off the sync's path. The Finance group queues an
 * invoice when it applies its {@code InvoiceSynced} (by then every row of it is written, since that group applies an
 * invoice's events in order; the saga publishes {@code InvoiceSynced} before its last batches are written). This
 * worker takes the queue one invoice a transaction, {@code FOR UPDATE SKIP LOCKED}, so several query-side nodes share
 * it and a crash leaves the invoice queued. A check that fails (not a mismatch: an error) is tried again later, at
 * most {@value #ATTEMPTS} times, and the last error is kept in the queue.
 */
@Component
@RunsOnlyInTheApp
class ReconciliationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger("io.invoicesync.sync");
    static final int ATTEMPTS = 3;
    private static final long IDLE_MILLIS = 250;

    private final SyncProgressTables progress;
    private final Reconciler reconciler;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private ScheduledExecutorService worker;

    ReconciliationWorker(SyncProgressTables progress, Reconciler reconciler, PlatformTransactionManager transactions) {
        this.progress = progress;
        this.reconciler = reconciler;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public synchronized void start() {
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reconciliation");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::drain, IDLE_MILLIS, IDLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        worker.shutdownNow();
        worker = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }

    /** Checks queued invoices one by one until none is left (or the app stops). */
    void drain() {
        try {
            while (!Thread.currentThread().isInterrupted() && Boolean.TRUE.equals(transaction.execute(s -> next()))) {
                // one invoice per transaction
            }
        } catch (RuntimeException e) {
            // The database away, say: the queue stays as it is, and the next round tries again.
            log.warn("Reconciliation paused: {}", e.getMessage());
        }
    }

    private boolean next() {
        Optional<SyncProgressTables.Queued> queued = progress.nextQueued(ATTEMPTS);
        if (queued.isEmpty()) {
            return false;
        }
        SyncProgressTables.Queued invoice = queued.get();
        try {
            // In a savepoint: a failed check rolls back its own writes, not the queue's bookkeeping below.
            Reconciliation outcome = savepoint.execute(s ->
                    reconciler.reconcile(invoice.invoiceId(), invoice.jobId(), invoice.syncedAt()));
            progress.dequeued(invoice.invoiceId());
            if (!outcome.agreed()) {
                log.warn("Invoice {} does not reconcile: {}", invoice.invoiceId(), outcome.differences());
            }
        } catch (RuntimeException e) {
            String cause = String.valueOf(e.getMessage());
            progress.checkFailed(invoice.invoiceId(), cause);
            log.warn("Could not reconcile invoice {}: {}", invoice.invoiceId(), cause);
        }
        return true;
    }
}
