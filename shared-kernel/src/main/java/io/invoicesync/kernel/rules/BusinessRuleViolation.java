package io.invoicesync.kernel.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link BusinessRule#verify()} or {@link #verifyAll}; carries what the API needs to name each field and
 * rule. Its own rule, field and refusal are those of the first rule broken, its message every broken rule's.
 */
public class BusinessRuleViolation extends RuntimeException {

    /** One broken rule as the API names it. */
    public record Broken(String rule, String field, String message) {
    }

    private final String rule;
    private final String field;
    private final Refusal refusal;
    private final List<Broken> broken;

    public BusinessRuleViolation(BusinessRule broken) {
        this(broken.name(), broken.field(), broken.message(), broken.refusal());
    }

    public BusinessRuleViolation(String rule, String field, String message, Refusal refusal) {
        this(rule, field, refusal, List.of(new Broken(rule, field, message)));
    }

    private BusinessRuleViolation(String rule, String field, Refusal refusal, List<Broken> broken) {
        super(broken.stream().map(Broken::message).collect(Collectors.joining("; ")));
        this.rule = rule;
        this.field = field;
        this.refusal = refusal;
        this.broken = List.copyOf(broken);
    }

    /**
     * Checks every rule and refuses with all of those broken, so that a user fixes them in one go rather than
     * meeting them one request at a time (a run's prerequisites).
     */
    public static void verifyAll(List<? extends BusinessRule> rules) {
        List<BusinessRule> broken = rules.stream().filter(BusinessRule::isBroken).map(r -> (BusinessRule) r).toList();
        if (!broken.isEmpty()) {
            BusinessRule first = broken.get(0);
            throw new BusinessRuleViolation(first.name(), first.field(), first.refusal(), broken.stream()
                    .map(r -> new Broken(r.name(), r.field(), r.message())).toList());
        }
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

    /** Every rule broken, the first one first. */
    public List<Broken> broken() {
        return broken;
    }
}
