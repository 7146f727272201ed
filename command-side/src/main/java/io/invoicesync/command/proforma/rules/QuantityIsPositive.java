package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;
import java.math.BigDecimal;

public record QuantityIsPositive(int index, BigDecimal quantity) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return quantity.signum() <= 0;
    }

    @Override
    public String field() {
        return "lines[" + index + "].quantity";
    }

    @Override
    public String message() {
        return "The quantity must be greater than zero, was " + quantity.toPlainString();
    }
}
