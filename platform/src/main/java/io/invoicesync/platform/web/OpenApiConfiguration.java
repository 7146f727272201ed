package io.invoicesync.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: every endpoint, its bodies, and HTTP Basic as the way in. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI invoiceSyncApi(@Value("${spring.application.name}") String application) {
        return new OpenAPI()
                .info(new Info().title(application).version("0.1.0").description("InvoiceSync: proforma invoices "
                        + "to Finance through dual-write table maps, in real time or by asynchronous integration "
                        + "jobs. Errors are application/problem+json (RFC 9457)."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
