package io.invoicesync.platform.web.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text that PostgreSQL and Finance store exactly as sent: no control character other than tab and line breaks (a NUL
 * is refused by PostgreSQL's text types, which once stalled the sync for everyone) and no half of a UTF-16 surrogate
 * pair (not encodable as UTF-8). The pattern is in the OpenAPI document beside the field.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = PlainText.ALLOWED)
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    /** Any character but C0 controls (tab, LF and CR allowed), DEL, and a surrogate that is not part of a pair. */
    String ALLOWED = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*";

    String message() default "must not hold control characters (such as NUL) or unpaired UTF-16 surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
