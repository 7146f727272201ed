package io.invoicesync.command.proforma.rules;

import io.invoicesync.command.proforma.ProformaStatus;
import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A confirm of a proforma that is confirmed already changes nothing. Its own type, apart from
 * {@code proforma-is-still-draft}, because it is what a client meets when it sends a confirm again after the first one
 * committed but its answer was lost (a connection or the database gone at that moment): the answer must read as
 * "done", say what was confirmed and where the confirmation is, not as a failure.
 */
public record ProformaIsNotConfirmedYet(UUID invoiceId, ProformaStatus status, int lines, BigDecimal totalAmount,
                                        String currency) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return status == ProformaStatus.CONFIRMED;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "Proforma invoice " + invoiceId + " is confirmed already (" + lines + (lines == 1 ? " line" : " lines") + ", total "
                + totalAmount.toPlainString() + " " + currency + "); confirming it again changes nothing. Its "
                + "confirmation and Finance sync: GET /api/proformas/" + invoiceId + " on the query side";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
