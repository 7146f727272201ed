package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.proforma.NewInvoiceLine;
import io.invoicesync.kernel.rules.BusinessRule;

/** A manual fee line has no backlog to take values from: it must bring a description, a quantity and a price. */
public record ManualLineIsComplete(int index, NewInvoiceLine line) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return line.description() == null || line.description().isBlank() || line.quantity() == null
                || line.unitPrice() == null;
    }

    @Override
    public String field() {
        return "lines[" + index + "]";
    }

    @Override
    public String message() {
        return "A manual fee line needs a description, a quantity and a unitPrice (or name a backlogTransactionId)";
    }
}
