package io.invoicesync.query.syncstate;

/** A failed record's state; nothing is purged. */
public enum ErrorStatus implements Labelled {
    OPEN("Open"),
    RETRIED("Retried"),
    DISMISSED("Dismissed"),
    /** A reconciliation mismatch that a later check found agreeing. */
    RESOLVED("Resolved");

    private final String label;

    ErrorStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
