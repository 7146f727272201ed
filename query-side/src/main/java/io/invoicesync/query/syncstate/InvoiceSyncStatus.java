package io.invoicesync.query.syncstate;

import java.util.Arrays;
import java.util.List;

/** Where a confirmed invoice is on its way to Finance. */
public enum InvoiceSyncStatus implements Labelled {
    /** Confirmed while no job ran: the next run takes it. */
    WAITING("Waiting for a run"),
    IN_PROGRESS("In progress"),
    /** Its job was stopped: the batches in flight land, the rest waits for the next run. */
    PAUSED("Paused"),
    SYNCED("Synced"),
    /** A record failed: retry or dismiss. */
    FAILED("Failed"),
    /** Its failure was dismissed: Finance stays as it is. */
    DISMISSED("Dismissed");

    private final String label;

    InvoiceSyncStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The states an invoice has once a job took it: a job's counts. */
    public static List<InvoiceSyncStatus> ofAJob() {
        return Arrays.stream(values()).filter(s -> s != WAITING).toList();
    }
}
