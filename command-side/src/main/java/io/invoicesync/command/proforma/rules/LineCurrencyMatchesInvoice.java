package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;

/** {@code lineCurrency} may be null for a manual line that leaves it to the invoice. */
public record LineCurrencyMatchesInvoice(String field, String lineCurrency, String invoiceCurrency)
        implements BusinessRule {

    @Override
    public boolean isBroken() {
        return lineCurrency != null && !lineCurrency.equals(invoiceCurrency);
    }

    @Override
    public String message() {
        return "The line is in " + lineCurrency + " but the proforma invoice is in " + invoiceCurrency;
    }
}
