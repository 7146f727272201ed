package io.invoicesync.kernel.money;

import java.util.Currency;
import java.util.Objects;

/** An ISO 4217 currency code, checked against the JDK's list so that "EURO" or "XYZ" never reaches an event. */
public record CurrencyCode(String code) {

    public CurrencyCode {
        Objects.requireNonNull(code, "currency");
        if (!isIso4217(code)) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code");
        }
    }

    public static boolean isIso4217(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        return Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    @Override
    public String toString() {
        return code;
    }
}
