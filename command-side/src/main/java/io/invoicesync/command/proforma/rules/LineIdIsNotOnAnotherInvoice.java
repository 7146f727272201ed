package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.UUID;

/**
 * G11: a line id is a Finance key (the proposal line's, and the actual's and connections' derived from it), so one
 * invoice holds it. Two invoices sharing one would leave Finance with one of the two rows, the race deciding whose.
 * {@code holder} is the invoice that holds the id, or null.
 */
public record LineIdIsNotOnAnotherInvoice(int index, UUID lineId, UUID holder, UUID invoiceId)
        implements BusinessRule {

    @Override
    public boolean isBroken() {
        return holder != null && !holder.equals(invoiceId);
    }

    @Override
    public String field() {
        return "lines[" + index + "].lineId";
    }

    @Override
    public String message() {
        return "Line id " + lineId + " is already taken by proforma invoice " + holder
                + "; a line id is unique across all invoices: leave lineId out to get a new one, or choose another";
    }

    /** The same name as every other id a client chooses that is already used by something else. */
    @Override
    public String name() {
        return "id-already-taken";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
