package io.invoicesync.query.syncstate;

import io.invoicesync.kernel.sync.SyncErrorCategory;

/**
 * A failed record's kind: the sync's own ({@link SyncErrorCategory} as the events say
 * it), or a reconciliation that found Finance differing from the source.
 */
public enum ErrorCategory implements Labelled {
    /** A business rule refused it: a person acts. */
    APPLICATION("Application"),
    /** Anything else failed for this invoice: set aside, retryable. */
    SYSTEM("System"),
    /** Finance differs from the confirmed proforma: repair and check again. */
    RECONCILIATION("Reconciliation");

    private final String label;

    ErrorCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Retry and dismiss act on the sync's own failures, not on a reconciliation's finding. */
    public boolean isActionable() {
        return this != RECONCILIATION;
    }
}
