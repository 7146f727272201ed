package io.invoicesync.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** Each app declares which role may call which of its endpoints; anything it does not name is refused. */
@FunctionalInterface
public interface ApiAccessRules {

    void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);
}
