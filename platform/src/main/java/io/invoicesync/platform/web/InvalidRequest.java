package io.invoicesync.platform.web;

import java.util.List;

/** A request whose values break input rules; thrown by controllers before any command is sent (answered with 422). */
public class InvalidRequest extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequest(List<FieldViolation> violations) {
        super(violations.get(0).message() + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequest of(String field, String rule, String message) {
        return new InvalidRequest(List.of(new FieldViolation(field, rule, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
