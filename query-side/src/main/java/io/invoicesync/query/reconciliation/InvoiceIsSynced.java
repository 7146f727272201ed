package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.UUID;

/**
 * Only a synced invoice is reconciled: before that Finance is not expected to hold all of it, so a check would report
 * a mismatch that is only the sync still under way (or stopped, or failed). Refused with 409, nothing written.
 */
record InvoiceIsSynced(UUID invoiceId, String status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !"SYNCED".equals(status);
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "Invoice " + invoiceId + " is " + status + ", not SYNCED: it is reconciled once it is synced";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
