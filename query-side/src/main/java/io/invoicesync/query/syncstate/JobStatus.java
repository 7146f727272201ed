package io.invoicesync.query.syncstate;

/** An integration job's life cycle as the query side shows it. */
public enum JobStatus implements Labelled {
    DRAFT("Draft"),
    SAVED("Saved"),
    ACTIVE("Active"),
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
