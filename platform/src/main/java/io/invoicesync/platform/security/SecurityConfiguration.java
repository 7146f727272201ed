package io.invoicesync.platform.security;

import io.invoicesync.platform.security.signin.ClientAddress;
import io.invoicesync.platform.security.signin.SignInAudit;
import io.invoicesync.platform.security.signin.SignInGuard;
import io.invoicesync.platform.security.signin.SignInProperties;
import io.invoicesync.platform.security.signin.SignInThrottle;
import io.invoicesync.platform.security.signin.SignInThrottleFilter;
import io.invoicesync.platform.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Stateless sign-in on every endpoint: HTTP Basic for the configured (or generated) accounts and, when an issuer is
 * set, JWT bearer tokens whose roles claim names the caller's roles; and for a browser, a session cookie its sign-in
 * made ({@link BrowserSession}), with CSRF tokens on its writes. 401 and 403 are problem+json like every other
 * refusal.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({SecurityProperties.class, SignInProperties.class})
public class SecurityConfiguration {

    /** The operator console's Content-Security-Policy (query side, /console/...). */
    public static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http, List<ApiAccessRules> rules, ProblemWriter problems,
                            SecurityProperties properties, KnownEndpoints endpoints, SignInGuard guard)
            throws Exception {
        SecurityProperties.Jwt jwt = properties.jwt();
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            // A page's script (the console) signs in with its own form: a challenge would make the browser open its
            // own password dialog over it, so script requests, which say so by this header, get none.
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", jwt.enabled()
                        ? "Basic realm=\"invoicesync\", Bearer realm=\"invoicesync\"" : "Basic realm=\"invoicesync\"");
            }
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    jwt.enabled() ? "Send a bearer token from " + jwt.issuer() + " or HTTP Basic credentials"
                            : "Send HTTP Basic credentials of an InvoiceSync user");
        };
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        // Only a browser's sign-in makes a session (BrowserSession.signIn); every other request stays stateless.
        sessions.setAllowSessionCreation(false);
        http.securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), sessions)))
                // A browser signed in with a session sends its cookie by itself, so its writes must prove they come
                // from the page (the token it was given at sign-in, in a header). API clients send credentials in
                // each request and keep no session: nothing to forge, no token asked.
                .csrf(csrf -> csrf.csrfTokenRepository(new HttpSessionCsrfTokenRepository())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(BrowserSession::needsCsrfToken))
                // The console's page runs only its own script and talks only to its own origin: an injected script
                // or a page framing it gets nothing. Style attributes stay allowed (the progress bars' widths).
                .headers(headers -> headers.addHeaderWriter((request, response) -> {
                    if (request.getRequestURI().startsWith("/console")) {
                        response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
                    }
                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // Failed credentials are slowed down and recorded, on every way in; an attempt that must wait is
                // refused before any password is checked.
                .addFilterBefore(new SignInThrottleFilter(guard), BearerTokenAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, e) -> {
                            // Anything no rule names is denied; a path no endpoint has is not a matter of role.
                            if (!endpoints.isKnown(request)) {
                                problems.write(response, HttpStatus.NOT_FOUND, "not-found", "Not found",
                                        "No endpoint answers " + request.getMethod() + " " + request.getRequestURI());
                                return;
                            }
                            if (e instanceof CsrfException) {
                                // A stale page, not a missing right: its session ended (signed out, expired).
                                problems.write(response, HttpStatus.FORBIDDEN, "csrf-token-names-this-session",
                                        "The page's session token is missing or stale",
                                        "This write carries no CSRF token, or one of a session that has ended "
                                                + "(signed out, or idle too long): reload the console and sign in again");
                                return;
                            }
                            problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                                    "Your role may not " + request.getMethod() + " " + request.getRequestURI());
                        }))
                .authorizeHttpRequests(requests -> {
                    // The container's forward of a failure to /error answers that failure (ProblemErrorController);
                    // it is no new request to authorise, and a 401 there would hide the real refusal.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.forEach(rule -> rule.declare(requests));
                    // Probes (Compose, Kubernetes) call without credentials and get the status only; the details,
                    // info and metrics are for integration admins (show-details: when-authorized).
                    requests.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                            "/actuator/health/readiness").permitAll();
                    requests.requestMatchers(HttpMethod.GET, "/actuator/**").hasRole(Roles.INTEGRATION_ADMIN);
                    requests.requestMatchers("/v3/api-docs/**", "/error").authenticated();
                    // Swagger UI, for the people who read and run the APIs.
                    requests.requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**")
                            .hasAnyRole(Roles.INTEGRATION_ADMIN, Roles.FINANCE_READER, Roles.PROJECT_MANAGER);
                    requests.anyRequest().denyAll();
                });
        if (jwt.enabled()) {
            http.oauth2ResourceServer(server -> server
                    .authenticationEntryPoint(unauthenticated)
                    .jwt(token -> token.decoder(jwtDecoder(jwt)).jwtAuthenticationConverter(rolesOf(jwt))));
        }
        return http.build();
    }

    /** Tokens signed by the issuer's keys (its JWK set, or one PEM public key), naming the issuer, unexpired. */
    static JwtDecoder jwtDecoder(SecurityProperties.Jwt jwt) {
        NimbusJwtDecoder decoder;
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else if (jwt.publicKeyLocation() != null && !jwt.publicKeyLocation().isBlank()) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt.publicKeyLocation())).build();
        } else {
            throw new IllegalStateException("invoicesync.security.jwt.issuer is set: set jwk-set-uri or "
                    + "public-key-location too, so that tokens can be checked");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(jwt.issuer()));
        if (jwt.audience() != null && !jwt.audience().isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audiences -> audiences != null && audiences.contains(jwt.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey publicKey(String location) {
        try (InputStream pem = new DefaultResourceLoader().getResource(location).getInputStream()) {
            return RsaKeyConverters.x509().convert(pem);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the JWT public key at " + location, e);
        }
    }

    /** The token's role names (INTEGRATION_ADMIN, …) become the same roles an account has. */
    private static JwtAuthenticationConverter rolesOf(SecurityProperties.Jwt jwt) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(jwt.rolesClaim());
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    /**
     * No observation of Spring Security's own filters and managers: each of a dozen filters wrapped in one cost about
     * 8 % of the command side's CPU at month end (JFR), and nothing reads them. Each request is still timed
     * ({@code http_server_requests}) and each sign-in counted ({@link SignInAudit}).
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    BrowserSession browserSession(UserDetailsService users, SignInGuard guard, AccountPasswords passwords) {
        return new BrowserSession(users, guard, passwords::sessionSecret);
    }

    @Bean
    SignInGuard signInGuard(SignInProperties settings, Clock clock, MeterRegistry registry, ProblemWriter problems,
                            SecurityProperties properties) {
        return new SignInGuard(new SignInThrottle(settings, clock), new ClientAddress(settings.trustedProxies()),
                new SignInAudit(registry), problems, properties.users()::containsKey);
    }

    @Bean
    AccountPasswords accountPasswords(SecurityProperties properties) {
        return new AccountPasswords(properties);
    }

    /**
     * The Basic accounts. A made password is kept in memory as it is: it is 128 random bits, which no key stretching
     * makes stronger, and bcrypt on every stateless request would cost tens of milliseconds each.
     *
     * <p>Only the lookup is exposed, not the manager: a manager is also a {@code UserDetailsPasswordService}, and
     * Spring Security then "upgrades" a {noop} password to bcrypt at its first sign-in, so every request after it paid
     * bcrypt after all (a JFR profile of 8 clients building invoices found bcrypt in 1,001 of 1,050 samples).
     */
    @Bean
    UserDetailsService users(SecurityProperties properties, AccountPasswords passwords) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        properties.users().forEach((name, user) -> {
            String password = passwords.isGenerated(name) ? "{noop}" + passwords.of(name) : passwords.of(name);
            if (!passwords.isGenerated(name) && password.startsWith("{noop}")) {
                log.warn("Account {} has a plain-text password ({noop}); give it a {bcrypt} hash", name);
            }
            manager.createUser(User.withUsername(name)
                    .password(password)
                    .passwordEncoder(value -> value.startsWith("{") ? value : encoder.encode(value))
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        });
        // An unknown name is checked against a password as costly to check as the accounts' own (bcrypt where they
        // have hashes), never matched and expired besides: unknown user and wrong password take the same time.
        boolean hashed = properties.users().keySet().stream()
                .anyMatch(name -> !passwords.of(name).startsWith("{noop}") && !passwords.isGenerated(name));
        String unmatchable = UUID.randomUUID() + "" + UUID.randomUUID();
        String strangersPassword = hashed ? encoder.encode(unmatchable) : "{noop}" + unmatchable;
        return name -> {
            try {
                return manager.loadUserByUsername(name);
            } catch (UsernameNotFoundException unknown) {
                if (name == null || name.isEmpty()) {
                    throw unknown;
                }
                return User.withUsername(name).password(strangersPassword).credentialsExpired(true)
                        .authorities(List.of()).build();
            }
        };
    }
}
