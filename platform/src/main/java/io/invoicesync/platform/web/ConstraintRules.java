package io.invoicesync.platform.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * Bean Validation's constraint names as the API's rule names, the same words RequestChecks and the business rules
 * use: {@code @NotNull} and {@code @NotBlank} are "required", {@code @Size} is "max-length", "min-items" or
 * "max-items", {@code @Digits} is "max-digits"; any other constraint is its name in kebab-case.
 */
final class ConstraintRules {

    private ConstraintRules() {
    }

    static FieldViolation violationOf(FieldError error) {
        String rule = ruleOf(error.getCode(), error.getRejectedValue(), error.getArguments());
        return new FieldViolation(error.getField(), rule, error.getField() + " " + error.getDefaultMessage());
    }

    static List<FieldViolation> violationsOf(HandlerMethodValidationException e) {
        List<FieldViolation> violations = new ArrayList<>();
        // A body checked beside a constrained path variable: its fields, named as in a body-only request.
        e.getBeanResults().forEach(body -> body.getFieldErrors().forEach(error -> violations.add(violationOf(error))));
        e.getValueResults().forEach(result -> {
            String field = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String[] codes = error.getCodes();
                // Codes run from the most specific ("PlainText.controller.param") to the constraint's own name.
                String code = codes == null || codes.length == 0 ? null : codes[codes.length - 1];
                violations.add(new FieldViolation(field, ruleOf(code, result.getArgument(), error.getArguments()),
                        field + " " + error.getDefaultMessage()));
            }
        });
        return violations;
    }

    private static String ruleOf(String code, Object rejected, Object[] arguments) {
        if (code == null) {
            return "invalid";
        }
        return switch (code) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Digits" -> "max-digits";
            case "PositiveOrZero" -> "not-negative";
            case "Iso4217Currency" -> "iso-4217-currency";
            case "Size" -> rejected instanceof Collection<?> items
                    ? (items.size() > maxOf(arguments) ? "max-items" : "min-items")
                    : "max-length";
            default -> code.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        };
    }

    /** Spring passes a constraint's attributes after the field, sorted by name: for @Size, max then min. */
    private static int maxOf(Object[] arguments) {
        return arguments != null && arguments.length > 1 && arguments[1] instanceof Integer max ? max : Integer.MAX_VALUE;
    }
}
