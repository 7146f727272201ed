package io.invoicesync.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read as they are typed, not as Jackson can bend them: a JSON number or boolean is not text
 * ({@code {"version":1.0}} was stored as "1.0", a different version from "1.0.0"), and a date is an ISO string, never
 * a number ({@code "invoiceDate":20260101} was read as epoch day 20,260,101: year 57440). Such input is refused as
 * 400 naming the field. Unknown fields are refused too (invoicesync-platform.yml).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonInput {

    @Bean
    JsonMapperBuilderCustomizer strictScalarsAndDates() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .defaultLeniency(false);
    }
}
