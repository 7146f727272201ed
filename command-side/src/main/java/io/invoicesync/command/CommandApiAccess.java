package io.invoicesync.command;

import io.invoicesync.platform.security.ApiAccessRules;
import io.invoicesync.platform.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** G8 on the command side: project managers work the backlog and proformas; integration admins run integration. */
@Component
class CommandApiAccess implements ApiAccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/backlog/**", "/api/proformas/**").hasRole(Roles.PROJECT_MANAGER)
                .requestMatchers(HttpMethod.PUT, "/api/parameters", "/api/dual-write/core-solution")
                .hasRole(Roles.INTEGRATION_ADMIN)
                .requestMatchers("/api/integration-jobs/**").hasRole(Roles.INTEGRATION_ADMIN);
    }
}
