package io.invoicesync.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Dataverse keeps quantities with 2 decimals and money with 4; every amount in the system is computed here. */
public final class Amounts {

    public static final int MONEY_SCALE = 4;
    public static final int QUANTITY_SCALE = 2;

    private Amounts() {
    }

    public static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitPrice) {
        return quantity.multiply(unitPrice).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }
}
