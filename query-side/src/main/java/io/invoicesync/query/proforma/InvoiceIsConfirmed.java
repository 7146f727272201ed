package io.invoicesync.query.proforma;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.UUID;

/**
 * Only a confirmed proforma goes to Finance, and so has anything there to tie out: a draft (or one whose confirm has
 * not finished) is refused with 409 as the state it is in, not 404 as if it did not exist. Asked by real-time sync and
 * by a reconciliation on demand.
 */
public record InvoiceIsConfirmed(UUID invoiceId, boolean confirmed) implements BusinessRule {

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
        return "Proforma invoice " + invoiceId + " is not confirmed yet (a draft, or its confirm has not finished): "
                + "only a confirmed invoice goes to Finance and is reconciled";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
