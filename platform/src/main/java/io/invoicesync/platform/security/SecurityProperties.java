package io.invoicesync.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API's users. Passwords carry their encoding ({@code {bcrypt}…} in production, {@code {noop}…} for the
 * documented development defaults).
 */
@ConfigurationProperties("invoicesync.security")
public record SecurityProperties(Map<String, User> users) {

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record User(String password, List<String> roles) {
    }
}
