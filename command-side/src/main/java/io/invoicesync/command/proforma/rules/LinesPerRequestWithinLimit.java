package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.proforma.AddInvoiceLines;
import io.invoicesync.kernel.rules.BusinessRule;

/** One request, one event: a bounded batch keeps every event and transaction a sane size. */
public record LinesPerRequestWithinLimit(int lineCount) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return lineCount < 1 || lineCount > AddInvoiceLines.MAX_LINES;
    }

    @Override
    public String field() {
        return "lines";
    }

    @Override
    public String message() {
        return "Add between 1 and " + AddInvoiceLines.MAX_LINES + " lines per request, not " + lineCount
                + "; larger invoices are built in several requests";
    }
}
