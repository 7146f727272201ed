package io.invoicesync.command.integrationjob.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.List;
import java.util.UUID;

/**
 * Retry and dismiss act on the job's failed invoices only: a request naming any other invoice (unknown, synced, still
 * flowing, failed in another job) is refused whole, naming them, so that nothing is written for ids that mean nothing
 * here. With no ids named, the job must hold at least one failed invoice.
 */
public record InvoicesAreFailedInJob(List<UUID> asked, List<UUID> failedAmongAsked) implements BusinessRule {

    private static final int NAMED_IN_MESSAGE = 10;

    @Override
    public boolean isBroken() {
        return asked.isEmpty() ? failedAmongAsked.isEmpty() : failedAmongAsked.size() != asked.size();
    }

    @Override
    public String field() {
        return "invoiceIds";
    }

    @Override
    public String message() {
        if (asked.isEmpty()) {
            return "The integration job holds no failed invoices";
        }
        List<UUID> others = asked.stream().filter(id -> !failedAmongAsked.contains(id)).toList();
        return others.size() + " of the invoices named are not failed in this integration job: "
                + others.stream().limit(NAMED_IN_MESSAGE).map(UUID::toString).toList()
                + (others.size() > NAMED_IN_MESSAGE ? " and " + (others.size() - NAMED_IN_MESSAGE) + " more" : "");
    }

    @Override
    public Refusal refusal() {
        return asked.isEmpty() ? Refusal.STATE_CONFLICT : Refusal.RULE_BROKEN;
    }
}
