package io.invoicesync.platform.web;

import io.invoicesync.kernel.money.CurrencyCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every broken input rule of one request, so a user learns all of them at once, then refuses the request
 * before anything is written.
 */
public final class RequestChecks {

    private final List<FieldViolation> violations = new ArrayList<>();

    public RequestChecks required(String field, Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            add(field, "required", field + " is required");
        }
        return this;
    }

    public RequestChecks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "max-length", field + " must be at most " + max + " characters");
        }
        return this;
    }

    public RequestChecks currency(String field, String value) {
        if (value != null && !CurrencyCode.isIso4217(value)) {
            add(field, "iso-4217-currency", "'" + value + "' is not an ISO 4217 currency code (such as EUR or USD)");
        }
        return this;
    }

    public RequestChecks positive(String field, BigDecimal value) {
        if (value != null && value.signum() <= 0) {
            add(field, "positive", field + " must be greater than zero, was " + value.toPlainString());
        }
        return this;
    }

    public RequestChecks notNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            add(field, "not-negative", field + " must not be negative, was " + value.toPlainString());
        }
        return this;
    }

    public RequestChecks scaleAtMost(String field, BigDecimal value, int scale) {
        if (value != null && value.stripTrailingZeros().scale() > scale) {
            add(field, "max-decimals", field + " may have at most " + scale + " decimals");
        }
        return this;
    }

    public RequestChecks listSize(String field, List<?> value, int min, int max) {
        if (value == null || value.size() < min) {
            add(field, "min-items", field + " must hold at least " + min + " item" + (min == 1 ? "" : "s"));
        } else if (value.size() > max) {
            add(field, "max-items", field + " may hold at most " + max + " items per request, had " + value.size()
                    + "; send the rest in further requests");
        }
        return this;
    }

    public RequestChecks rule(boolean holds, String field, String rule, String message) {
        if (!holds) {
            add(field, rule, message);
        }
        return this;
    }

    public void add(String field, String rule, String message) {
        violations.add(new FieldViolation(field, rule, message));
    }

    public boolean hasViolations() {
        return !violations.isEmpty();
    }

    /** Throws {@link InvalidRequest} naming every broken rule, if any. */
    public void verify() {
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
    }
}
