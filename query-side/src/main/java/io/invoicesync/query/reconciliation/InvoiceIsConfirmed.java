package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.UUID;

/**
 * Only a confirmed proforma has anything in Finance to tie out; a draft is refused with 409 as the state it is in, not
 * 404 as if it did not exist.
 */
record InvoiceIsConfirmed(UUID invoiceId, boolean confirmed) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !confirmed;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "Invoice " + invoiceId + " is not confirmed yet (a draft, or its confirm has not finished): it is reconciled once it is confirmed and synced";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
