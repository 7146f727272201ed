package io.invoicesync.query;

import io.invoicesync.platform.security.ApiAccessRules;
import io.invoicesync.platform.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** G8 on the query side: finance readers and integration admins read; nothing here changes data. */
@Component
class QueryApiAccess implements ApiAccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Roles.FINANCE_READER, Roles.INTEGRATION_ADMIN);
    }
}
