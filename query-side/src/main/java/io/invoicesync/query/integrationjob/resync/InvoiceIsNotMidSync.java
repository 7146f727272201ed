package io.invoicesync.query.integrationjob.resync;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import java.util.UUID;

/**
 * Only a synced invoice is resynced: while its sync is under way, paused or waiting, its saga is still writing (or
 * will), and a failed one is retried, not resynced. Refused with 409, nothing written.
 */
record InvoiceIsNotMidSync(UUID invoiceId, InvoiceSyncStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status != InvoiceSyncStatus.SYNCED;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "Invoice " + invoiceId + " is " + status + ": only a synced invoice is resynced"
                + (status == InvoiceSyncStatus.FAILED ? " (retry a failed one from the job's errors)"
                : "; wait until its sync is done");
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
