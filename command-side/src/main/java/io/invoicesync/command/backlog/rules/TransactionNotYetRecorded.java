package io.invoicesync.command.backlog.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.Set;
import java.util.UUID;

public record TransactionNotYetRecorded(int index, UUID transactionId, Set<UUID> recorded) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return recorded.contains(transactionId);
    }

    @Override
    public String field() {
        return "transactions[" + index + "].transactionId";
    }

    @Override
    public String message() {
        return "Transaction " + transactionId + " is already in the billing backlog";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
