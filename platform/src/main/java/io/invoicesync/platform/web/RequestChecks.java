package io.invoicesync.platform.web;

import io.invoicesync.kernel.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * A query parameter naming one of an enum's constants: the constant, or null when absent. A value that names none
     * is refused (on {@link #verify}) with the constants listed.
     */
    public <E extends Enum<E>> E oneOf(Class<E> states, String value, String field, String rule) {
        if (value == null) {
            return null;
        }
        for (E state : states.getEnumConstants()) {
            if (state.name().equals(value)) {
                return state;
            }
        }
        add(field, rule, field + " must be one of " + Arrays.stream(states.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ")));
        return null;
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
