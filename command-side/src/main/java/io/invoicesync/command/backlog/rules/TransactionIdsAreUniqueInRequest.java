package io.invoicesync.command.backlog.rules;

import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.rules.BusinessRule;
import java.util.List;

public record TransactionIdsAreUniqueInRequest(List<BillableTransaction> transactions) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return transactions.stream().map(BillableTransaction::transactionId).distinct().count() != transactions.size();
    }

    @Override
    public String field() {
        return "transactions";
    }

    @Override
    public String message() {
        return "The same transactionId appears more than once in the request";
    }
}
