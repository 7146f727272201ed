package io.invoicesync.kernel.sync;

/**
 * APPLICATION: a business rule refused the record; a person fixes the cause and retries. SYSTEM: transient; retried
 * with back-off. CONCURRENCY: a newer version exists; the stale one is skipped.
 */
public enum SyncErrorCategory {
    APPLICATION,
    SYSTEM,
    CONCURRENCY
}
