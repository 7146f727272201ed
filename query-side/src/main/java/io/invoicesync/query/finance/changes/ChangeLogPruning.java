package io.invoicesync.query.finance.changes;

import io.invoicesync.query.RunsOnlyInTheApp;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prunes Finance's change log of what is older than its retention ({@code invoicesync.finance.changes.retention}),
 * where one is set: every {@code prune-every}, 10,000 changes a transaction, oldest first, one node at a time. The log
 * is kept whole by default, since a consumer of the feed keeps its own cursor and the log cannot know who still needs
 * what; with a retention, a consumer further behind than it is told so (410), never served a gap.
 */
@Component
@RunsOnlyInTheApp
class ChangeLogPruning implements SmartLifecycle {

    static final int CHUNK = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ChangeLogPruning.class);

    private final ChangeLogProperties settings;
    private final FinanceChanges changes;
    private final TransactionTemplate transaction;
    private ScheduledExecutorService worker;

    ChangeLogPruning(ChangeLogProperties settings, FinanceChanges changes, PlatformTransactionManager transactions) {
        this.settings = settings;
        this.changes = changes;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public synchronized void start() {
        if (settings.retention() == null) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "finance-change-pruning");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pruneEvery().toMillis();
        worker.scheduleWithFixedDelay(this::pruneQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("Finance's change log keeps changes for {}; pruned every {}", settings.retention(),
                settings.pruneEvery());
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }

    private void pruneQuietly() {
        try {
            long pruned = prune(Instant.now().minus(settings.retention()));
            if (pruned > 0) {
                log.info("Pruned {} changes older than {} from Finance's change log, up to {}", pruned,
                        settings.retention(), changes.horizon().map(ChangeCursor::toString).orElse("-"));
            }
        } catch (RuntimeException e) {
            // The database away, say: the log only stays longer; the next round tries again.
            log.warn("Change log pruning paused: {}", e.getMessage());
        }
    }

    /** Prunes every change written before {@code writtenBefore} that may go; returns how many went. */
    long prune(Instant writtenBefore) {
        long pruned = 0;
        int chunk;
        do {
            chunk = transaction.execute(s -> changes.pruneOldest(writtenBefore, CHUNK));
            pruned += chunk;
        } while (chunk > 0 && !Thread.currentThread().isInterrupted());
        return pruned;
    }
}
