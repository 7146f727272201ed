package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;

public record ProformaHasLines(int lineCount) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return lineCount == 0;
    }

    @Override
    public String field() {
        return "lines";
    }

    @Override
    public String message() {
        return "A proforma invoice needs at least one line to be confirmed";
    }
}
