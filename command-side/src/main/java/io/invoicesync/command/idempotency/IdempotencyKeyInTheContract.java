package io.invoicesync.command.idempotency;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

/** Every write of the command API names the optional {@code Idempotency-Key} header in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyInTheContract {

    @Bean
    OperationCustomizer idempotencyKeyHeader() {
        return (operation, handler) -> {
            if (!handler.hasMethodAnnotation(GetMapping.class)) {
                operation.addParametersItem(new HeaderParameter().name(IdempotentWrites.HEADER).required(false)
                        .schema(new StringSchema().minLength(1).maxLength(255))
                        .description("Any 1 to 255 visible ASCII characters, new for each request (a UUID): the same "
                                + "request sent again with it gets the first answer back, marked "
                                + IdempotentWrites.REPLAYED + ", and is not carried out twice; kept for "
                                + "invoicesync.idempotency.keys-live-for (24 hours by default)"));
            }
            return operation;
        };
    }
}
