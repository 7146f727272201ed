package io.invoicesync.command.idempotency;

import io.invoicesync.kernel.rules.BusinessRule;

/**
 * A key names one request: the same method, path and body. Sent with another, it would give back an answer to a
 * request the client did not send this time.
 */
record IdempotencyKeyNamesOneRequest(String key, boolean sameRequest) implements BusinessRule {

    @Override
    public boolean isBroken() {
        return !sameRequest;
    }

    @Override
    public String field() {
        return IdempotentWrites.HEADER;
    }

    @Override
    public String message() {
        return "Idempotency-Key " + key + " was first sent with another request (another method, path or body); "
                + "use a new key for a new request";
    }
}
