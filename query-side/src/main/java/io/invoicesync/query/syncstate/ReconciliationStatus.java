package io.invoicesync.query.syncstate;

/** A synced invoice's last check against its source ({@code sync_reconciliation.status}), and the states around it. */
public enum ReconciliationStatus implements Labelled {
    RECONCILED("Reconciled"),
    MISMATCH("Mismatch"),
    /** Synced, not checked yet (a job's counts). */
    UNCHECKED("Not checked yet"),
    /** Waiting in the worker's queue (the metrics). */
    QUEUED("Queued");

    private final String label;

    ReconciliationStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
