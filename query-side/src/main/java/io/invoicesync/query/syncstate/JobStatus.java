package io.invoicesync.query.syncstate;

/** An integration job's life cycle as the query side shows it. */
public enum JobStatus implements Labelled {
    DRAFT("Draft"),
    SAVED("Saved"),
    ACTIVE("Active"),
    /** A run holds still: invoices queue for it and it goes on when resumed. */
    PAUSED("Paused"),
    STOPPED("Stopped");

    private final String label;

    JobStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
