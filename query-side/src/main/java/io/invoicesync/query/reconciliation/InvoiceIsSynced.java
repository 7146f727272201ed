package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import io.invoicesync.query.syncstate.InvoiceSyncStatus;
import java.util.UUID;

/**
 * Only a synced invoice is reconciled: before that Finance is not expected to hold all of it, so a check would report
 * a mismatch that is only the sync still under way (or stopped, or failed). Refused with 409, nothing written.
 */
record InvoiceIsSynced(UUID invoiceId, InvoiceSyncStatus status) implements BusinessRule {

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
        return "Invoice " + invoiceId + " is " + status + ", not " + InvoiceSyncStatus.SYNCED + ": it is reconciled once it is synced";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
