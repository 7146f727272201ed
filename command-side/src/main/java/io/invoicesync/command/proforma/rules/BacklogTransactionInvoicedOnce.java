package io.invoicesync.command.proforma.rules;

import io.invoicesync.command.backlog.BacklogEntry;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.Set;
import java.util.UUID;

/**
 * A backlog transaction is on at most one draft or confirmed invoice. {@code takenInRequest} catches the same
 * transaction twice in one request, before the ledger has seen either.
 */
public record BacklogTransactionInvoicedOnce(int index, BacklogEntry entry, UUID invoiceId, Set<UUID> takenInRequest)
        implements BusinessRule {

    @Override
    public boolean isBroken() {
        return entry.reservedByInvoice() != null || takenInRequest.contains(entry.transaction().transactionId());
    }

    @Override
    public String field() {
        return "lines[" + index + "].backlogTransactionId";
    }

    @Override
    public String message() {
        UUID holder = entry.reservedByInvoice();
        String where = holder == null || holder.equals(invoiceId) ? "this proforma invoice" : "proforma invoice " + holder;
        return "Backlog transaction " + entry.transaction().transactionId() + " is already on " + where
                + "; a transaction is invoiced once";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
