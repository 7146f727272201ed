package io.invoicesync.query.sync.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import java.util.Optional;

/** Finance refuses an invoice proposal for a customer on hold: an application error, for a person to resolve. */
public record CustomerIsNotOnHold(String customerId, Optional<String> holdReason) implements BusinessRule {

    /** Its {@link #name()}: the rule a failure records, by which the console offers to release the hold. */
    public static final String RULE = "customer-is-not-on-hold";

    @Override
    public boolean isBroken() {
        return holdReason.isPresent();
    }

    @Override
    public String field() {
        return "customerId";
    }

    @Override
    public String subject() {
        return customerId;
    }

    @Override
    public String message() {
        return "Customer " + customerId + " is on hold in Finance (" + holdReason.orElse("") + "); release the hold "
                + "(PUT /api/finance/customers/" + customerId + ") and retry the job's errors";
    }
}
