package io.invoicesync.command.proforma.rules;

import io.invoicesync.command.proforma.ProformaStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

/** Lines are billed, and a confirmation completed, only while the proforma is being confirmed. */
public record ProformaIsConfirming(ProformaStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status != ProformaStatus.CONFIRMING;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "The proforma invoice is " + status.wording() + ", not being confirmed";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
