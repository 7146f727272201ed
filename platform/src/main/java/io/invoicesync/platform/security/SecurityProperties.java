package io.invoicesync.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the APIs.
 *
 * @param users            the HTTP Basic accounts. A password carries its encoding ({bcrypt}…); a blank one
 *                         is made on first start and kept in credentialsFile (GeneratedCredentials)
 * @param credentialsFile  where made passwords are kept (default data/credentials.properties)
 * @param jwt              bearer tokens from an identity provider, for production
 * @param sessionSecret    the key that seals the credentials a console session passes on to the command side, in
 *                         the session's row (INVOICESYNC_SESSION_SECRET): the same on every query node; blank, one
 *                         is made on first start and kept in credentialsFile
 */
@ConfigurationProperties("invoicesync.security")
public record SecurityProperties(Map<String, User> users, String credentialsFile, Jwt jwt, String sessionSecret) {

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        credentialsFile = credentialsFile == null || credentialsFile.isBlank() ? "data/credentials.properties"
                : credentialsFile;
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
    }

    public record User(String password, List<String> roles) {

        boolean hasPassword() {
            return password != null && !password.isBlank();
        }
    }

    /**
     * JWT sign-in, on when {@code issuer} is set: tokens must name this issuer, be signed by a key of
     * {@code jwkSetUri} (or the PEM {@code publicKeyLocation}), be unexpired, and (if {@code audience} is set) name it;
     * the role names in {@code rolesClaim} (default {@code roles}) are the caller's roles.
     *
     * @param issuer            the iss every token must carry (INVOICESYNC_JWT_ISSUER); set, JWT is on
     * @param jwkSetUri         the issuer's JWK set, whose keys sign the tokens (INVOICESYNC_JWT_JWK_SET_URI)
     * @param publicKeyLocation or one RSA public key as PEM (INVOICESYNC_JWT_PUBLIC_KEY)
     * @param audience          the aud every token must name, if set (INVOICESYNC_JWT_AUDIENCE)
     * @param rolesClaim        the claim that holds the caller's roles (INVOICESYNC_JWT_ROLES_CLAIM, default
     *                          roles)
     */
    public record Jwt(String issuer, String jwkSetUri, String publicKeyLocation, String audience, String rolesClaim) {

        public Jwt {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        }

        public boolean enabled() {
            return issuer != null && !issuer.isBlank();
        }
    }
}
