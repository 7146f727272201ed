package io.invoicesync.query.syncstate;

/** What was done to a job, as its activity list says it ({@code sync_activity.action}). */
public enum JobAction implements Labelled {
    CREATED("Created"),
    SAVED("Saved"),
    RUN("Run"),
    STOP("Stopped"),
    PAUSE("Paused"),
    RESUME("Resumed"),
    RETRY("Retried"),
    DISMISS("Dismissed"),
    /** One synced invoice's Finance rows written again from its events, with the reason given. */
    RESYNC("Resynced");

    private final String label;

    JobAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
