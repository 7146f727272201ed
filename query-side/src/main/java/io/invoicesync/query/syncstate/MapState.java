package io.invoicesync.query.syncstate;

/** How far one invoice is through one table map. */
public enum MapState implements Labelled {
    PENDING("Pending"),
    /** The invoice waits to be synced again from its first batch (a system failure retried). */
    WAITING("Waiting for a run"),
    IN_PROGRESS("In progress"),
    PAUSED("Paused"),
    FAILED("Failed"),
    DISMISSED("Dismissed"),
    APPLIED("Applied");

    private final String label;

    MapState(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * A map with all its batches written is applied; the map the invoice stands at takes the invoice's state; one
     * begun is in progress, one not begun pending.
     */
    public static MapState of(long appliedBatches, int batches, boolean isCurrentMap, InvoiceSyncStatus invoice) {
        if (appliedBatches == batches) {
            return APPLIED;
        }
        if (isCurrentMap) {
            return switch (invoice) {
                case PAUSED -> PAUSED;
                case FAILED -> FAILED;
                case DISMISSED -> DISMISSED;
                case WAITING -> WAITING;
                case IN_PROGRESS, SYNCED -> IN_PROGRESS;
            };
        }
        return appliedBatches > 0 ? IN_PROGRESS : PENDING;
    }
}
