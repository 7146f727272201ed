package io.invoicesync.platform.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Each account's password as configured, or else as made on first start ({@link GeneratedCredentials}). The command
 * side asks it for the sync account's plain password, which it sends to the query side. Declared by
 * {@link SecurityConfiguration}, with the web apps only: the replay command line signs nobody in.
 */
public class AccountPasswords {

    /** Its name in the credentials file (a shell variable there, like the passwords). */
    static final String SESSION_SECRET = "session_secret";

    private final SecurityProperties properties;
    private Map<String, String> generated;

    public AccountPasswords(SecurityProperties properties) {
        this.properties = properties;
    }

    /** The configured password (with its {encoding}) or the made plain one. */
    public String of(String account) {
        SecurityProperties.User user = properties.users().get(account);
        return user != null && user.hasPassword() ? user.password() : generated().get(account);
    }

    /** A made password, whether or not this app has the account (the command side calls as sync). */
    public String generated(String account) {
        return generated().get(account);
    }

    /** The key console sessions seal credentials with: configured, or made once and kept with the passwords. */
    public String sessionSecret() {
        String configured = properties.sessionSecret();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return GeneratedCredentials.loadOrCreate(Path.of(properties.credentialsFile()), List.of(SESSION_SECRET))
                .get(SESSION_SECRET);
    }

    boolean isGenerated(String account) {
        SecurityProperties.User user = properties.users().get(account);
        return user == null || !user.hasPassword();
    }

    private synchronized Map<String, String> generated() {
        if (generated == null) {
            // Every account known to either app, so that both find the same file complete whichever starts first.
            List<String> accounts = Stream.concat(properties.users().keySet().stream(), Stream.of("sync"))
                    .distinct().sorted().toList();
            generated = GeneratedCredentials.loadOrCreate(Path.of(properties.credentialsFile()), accounts);
        }
        return generated;
    }
}
