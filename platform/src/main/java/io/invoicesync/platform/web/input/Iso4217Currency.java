package io.invoicesync.platform.web.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.invoicesync.kernel.money.CurrencyCode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An ISO 4217 currency code such as EUR or USD, checked against the JDK's list ({@link CurrencyCode}). */
@Documented
@Constraint(validatedBy = Iso4217Currency.Check.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Iso4217Currency {

    String message() default "must be an ISO 4217 currency code (such as EUR or USD)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Iso4217Currency, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CurrencyCode.isIso4217(value);
        }
    }
}
