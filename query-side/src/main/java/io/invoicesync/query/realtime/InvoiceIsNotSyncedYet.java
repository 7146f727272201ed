package io.invoicesync.query.realtime;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.util.Optional;
import java.util.UUID;

/**
 * Real-time sync takes an invoice once, and only while no integration job owns the table maps: called again for an
 * invoice already in Finance (or taken by a job), it would append a second set of sync events and rewrite the
 * invoice's progress as real time. Refused with 409, nothing written.
 */
record InvoiceIsNotSyncedYet(UUID invoiceId, Optional<String> existingSync, boolean jobOwnsTheMaps)
        implements BusinessRule {

    @Override
    public boolean isBroken() {
        return existingSync.isPresent() || jobOwnsTheMaps;
    }

    @Override
    public String field() {
        return "invoiceId";
    }

    @Override
    public String message() {
        return existingSync.map(state -> "Invoice " + invoiceId + " is already synced or syncing (" + state
                        + "); real-time sync takes an invoice once")
                .orElse("An asynchronous integration job owns the table maps; it syncs invoice " + invoiceId);
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
