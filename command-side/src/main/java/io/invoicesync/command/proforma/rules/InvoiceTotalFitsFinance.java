package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.money.Amounts;
import io.invoicesync.kernel.rules.BusinessRule;
import java.math.BigDecimal;

/**
 * Every line may fit Finance's money column while their sum does not: the invoice proposal's total would then fail
 * the sync of this invoice. Refused when the line that tips it over is added.
 */
public record InvoiceTotalFitsFinance(BigDecimal totalWithNewLines) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !Amounts.fitsFinance(totalWithNewLines);
    }

    @Override
    public String field() {
        return "lines";
    }

    @Override
    public String message() {
        return "With these lines the invoice's total would reach 10^" + Amounts.MONEY_INTEGER_DIGITS
                + ", more than Finance holds; put them on another proforma";
    }
}
