package io.invoicesync.platform.web;

import io.invoicesync.kernel.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every broken input rule of one request, so a user learns all of them at once, then refuses the request
 * before anything is written.
 */
public final class RequestChecks {

    private final List<FieldViolation> violations = new ArrayList<>();

    /**
     * A line's amount (quantity × unit price, rounded to 4 decimals) must fit Finance's money columns; each factor
     * fitting its own column is not enough.
     */
    public RequestChecks amountFitsFinance(String at, BigDecimal quantity, BigDecimal unitPrice) {
        if (quantity != null && unitPrice != null && !Amounts.fitsFinance(Amounts.lineAmount(quantity, unitPrice))) {
            add(at, "amount-fits-finance", at + ": quantity × unitPrice must be less than 10^"
                    + Amounts.MONEY_INTEGER_DIGITS + ", the largest amount Finance holds");
        }
        return this;
    }

    public RequestChecks rule(boolean holds, String field, String rule, String message) {
        if (!holds) {
            add(field, rule, message);
        }
        return this;
    }

    private void add(String field, String rule, String message) {
        violations.add(new FieldViolation(field, rule, message));
    }

    /** Throws {@link InvalidRequest} naming every broken rule, if any. */
    public void verify() {
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
    }
}
