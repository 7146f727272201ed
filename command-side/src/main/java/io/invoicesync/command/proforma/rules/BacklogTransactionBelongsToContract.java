package io.invoicesync.command.proforma.rules;

import io.invoicesync.command.backlog.BacklogEntry;
import io.invoicesync.kernel.rules.BusinessRule;

public record BacklogTransactionBelongsToContract(int index, BacklogEntry entry, String invoiceContractId)
        implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !entry.projectContractId().equals(invoiceContractId);
    }

    @Override
    public String field() {
        return "lines[" + index + "].backlogTransactionId";
    }

    @Override
    public String message() {
        return "Backlog transaction " + entry.transaction().transactionId() + " belongs to project contract "
                + entry.projectContractId() + ", not to this invoice's contract " + invoiceContractId;
    }
}
