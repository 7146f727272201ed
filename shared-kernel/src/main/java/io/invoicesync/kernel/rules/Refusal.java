package io.invoicesync.kernel.rules;

/** How a broken rule is answered: the API maps these to 422, 409, 404 and 410. */
public enum Refusal {
    /** A value breaks a business rule. */
    RULE_BROKEN,
    /** The thing is in a state (confirmed, active, taken) that does not allow the request. */
    STATE_CONFLICT,
    /** The request names a part (a line, a transaction) that is not there. */
    NOT_FOUND,
    /** What the request asks for was there and has been removed on purpose (changes pruned from a log). */
    GONE
}
