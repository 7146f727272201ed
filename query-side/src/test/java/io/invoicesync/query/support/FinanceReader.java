package io.invoicesync.query.support;

import java.util.concurrent.atomic.AtomicLong;

/** A Finance reader polling while a sync runs, counting every moment it saw a broken invariant. */
public final class FinanceReader implements AutoCloseable {

    private final FinanceChecks checks;
    private final Thread thread;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private volatile boolean running = true;

    public FinanceReader(FinanceChecks checks) {
        this.checks = checks;
        this.thread = new Thread(this::poll, "finance-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running) {
            if (checks.orphans() > 0 || checks.outOfSequence() > 0) {
                violations.incrementAndGet();
            }
            reads.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public long reads() {
        return reads.get();
    }

    public long violations() {
        return violations.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
