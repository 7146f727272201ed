package io.invoicesync.command.proforma.rules;

import io.invoicesync.command.proforma.ProformaStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;

public record ProformaIsStillDraft(ProformaStatus status) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status != ProformaStatus.DRAFT;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "The proforma invoice is " + status.wording() + "; only a draft can change";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
