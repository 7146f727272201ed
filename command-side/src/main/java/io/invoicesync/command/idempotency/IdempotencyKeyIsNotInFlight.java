package io.invoicesync.command.idempotency;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.Refusal;
import java.time.Duration;

/**
 * The first request with a key is still running: the same request sent again now would be carried out twice. Once the
 * first answers, its answer is given back; if its process died, the key is free again after the lease.
 */
record IdempotencyKeyIsNotInFlight(String key, boolean inFlight, Duration lease) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return inFlight;
    }

    @Override
    public String field() {
        return IdempotentWrites.HEADER;
    }

    @Override
    public String message() {
        return "The first request with Idempotency-Key " + key + " is still running; send this again once it has "
                + "answered (a first request that never answers frees its key after " + lease.toMinutes()
                + " minutes)";
    }

    @Override
    public Refusal refusal() {
        return Refusal.STATE_CONFLICT;
    }
}
