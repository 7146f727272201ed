package io.invoicesync.query.integrationjob.preflight;

import io.invoicesync.kernel.rules.BusinessRule;
import java.util.UUID;

/**
 * A waiting invoice the preflight could not ask Finance's rules about, because the database refused a value of its
 * confirmation (a NUL in the customer, say): the run will fail it too, and set it aside as a system error. Said as a
 * cause of its own rather than failing the whole preflight.
 */
record FinanceCannotCheck(UUID invoiceId, String cause) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return true;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return "Finance cannot check invoice " + invoiceId + " (" + cause + "); the run will set it aside as a system "
                + "error";
    }
}
