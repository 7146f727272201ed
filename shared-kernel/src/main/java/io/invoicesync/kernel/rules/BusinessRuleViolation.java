package io.invoicesync.kernel.rules;

/** Thrown by {@link BusinessRule#verify()}; carries what the API needs to name the field and the rule. */
public class BusinessRuleViolation extends RuntimeException {

    private final String rule;
    private final String field;
    private final Refusal refusal;

    public BusinessRuleViolation(BusinessRule broken) {
        this(broken.name(), broken.field(), broken.message(), broken.refusal());
    }

    public BusinessRuleViolation(String rule, String field, String message, Refusal refusal) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.refusal = refusal;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }

    public Refusal refusal() {
        return refusal;
    }
}
