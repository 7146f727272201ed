package io.invoicesync.query.sync.rules;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.query.finance.customers.CustomerHolds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The rules Finance applies to an invoice proposal, in one place: the sync asks them before it sends an invoice's
 * header ({@code SyncBatches}), and a preflight asks the same ones of every invoice waiting for a run, so that what it
 * announces is what the run will meet. Today one rule: the customer is not on hold.
 */
@Component
public class FinanceRules {

    private final CustomerHolds holds;

    public FinanceRules(CustomerHolds holds) {
        this.holds = holds;
    }

    /**
     * These rules for one pass over many invoices (a preflight): each customer's hold is read once, not once an
     * invoice, as a month end's invoices share a few customers.
     */
    public FinanceRules forManyInvoices() {
        Map<String, Optional<String>> read = new HashMap<>();
        return new FinanceRules(customer -> read.computeIfAbsent(customer, holds::holdReason));
    }

    /** The first rule the proposal breaks, if any. */
    public Optional<BusinessRule> broken(ProformaConfirmed confirmed) {
        return rulesFor(confirmed).stream().filter(BusinessRule::isBroken).findFirst();
    }

    private List<BusinessRule> rulesFor(ProformaConfirmed confirmed) {
        return List.of(new CustomerIsNotOnHold(confirmed.customerId(), holds.holdReason(confirmed.customerId())));
    }
}
