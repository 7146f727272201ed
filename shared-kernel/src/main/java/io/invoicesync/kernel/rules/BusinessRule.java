package io.invoicesync.kernel.rules;

/**
 * A business rule as a small named object: its class name is the rule's name, its message the sentence the user reads.
 * Aggregates call {@link #verify()} before applying any event, so a broken rule writes nothing.
 */
public interface BusinessRule {

    boolean isBroken();

    /** The request field the rule is about, as the API names it. */
    String field();

    String message();

    /** A rule about a value by default; rules that protect a state or an existence say so. */
    default Refusal refusal() {
        return Refusal.RULE_BROKEN;
    }

    default void verify() {
        if (isBroken()) {
            throw new BusinessRuleViolation(this);
        }
    }

    /**
     * What the rule is about when many refusals share it (a customer on hold refuses all its invoices): the key the
     * refusals are grouped by, to be fixed once. Null for a rule about one request's own values.
     */
    default String subject() {
        return null;
    }

    /** kebab-case of the class name: {@code ProformaIsStillDraft} becomes {@code proforma-is-still-draft}. */
    default String name() {
        return getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
