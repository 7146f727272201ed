package io.invoicesync.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Dataverse keeps quantities with 2 decimals and money with 4; every amount in the system is computed here. Finance
 * stores both as NUMERIC(19, s): what does not fit there (a quantity, a price, their product, an invoice's total) is
 * refused at the edge, because a value the Finance columns refuse would fail its invoice's sync.
 */
public final class Amounts {

    public static final int MONEY_SCALE = 4;
    public static final int QUANTITY_SCALE = 2;
    /** NUMERIC(19, 4): 15 digits before the point. */
    public static final int MONEY_INTEGER_DIGITS = 15;
    /** NUMERIC(19, 2): 17 digits before the point. */
    public static final int QUANTITY_INTEGER_DIGITS = 17;
    /** What a request is told when a quantity or a price does not fit its Finance column. */
    public static final String QUANTITY_DIGITS = "must have at most 17 digits before the decimal point and 2 after";
    public static final String MONEY_DIGITS = "must have at most 15 digits before the decimal point and 4 after";
    /** The first amount Finance cannot hold: 10^15. */
    public static final BigDecimal MONEY_LIMIT = BigDecimal.TEN.pow(MONEY_INTEGER_DIGITS);

    private Amounts() {
    }

    public static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    /** Whether Finance's money columns hold this amount (after rounding to 4 decimals). */
    public static boolean fitsFinance(BigDecimal amount) {
        return money(amount).abs().compareTo(MONEY_LIMIT) < 0;
    }
}
