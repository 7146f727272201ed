package io.invoicesync.command.proforma.rules;

import io.invoicesync.command.backlog.BacklogEntry;
import io.invoicesync.kernel.rules.BusinessRule;
import java.util.UUID;

public record BacklogTransactionExists(int index, UUID transactionId, BacklogEntry entry) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return entry == null;
    }

    @Override
    public String field() {
        return "lines[" + index + "].backlogTransactionId";
    }

    @Override
    public String message() {
        return "Backlog transaction " + transactionId + " is not in the billing backlog";
    }
}
