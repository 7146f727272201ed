package io.invoicesync.platform.security.signin;

import io.invoicesync.platform.security.signin.SignInAudit.Way;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The guard in front of HTTP Basic and bearer tokens, on every endpoint of the app, Actuator's included: placed before
 * Spring Security's authentication filters, it refuses an attempt that must wait before its credentials are checked,
 * and, once they were, tells the guard whether they passed (the request is signed in) or not (answered 401).
 */
public final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInGuard guard;

    public SignInThrottleFilter(SignInGuard guard) {
        this.guard = guard;
    }

    /** Who the credentials claim to be, and how they came. A bearer token names nobody until it is checked. */
    record Claimed(Way way, String account) {

        static Claimed from(String authorization) {
            if (authorization == null) {
                return null;
            }
            String scheme = authorization.split(" ", 2)[0].toLowerCase(Locale.ROOT);
            if (scheme.equals("bearer")) {
                return new Claimed(Way.BEARER, null);
            }
            if (!scheme.equals("basic")) {
                return null;
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return new Claimed(Way.BASIC, colon < 0 ? decoded : decoded.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return new Claimed(Way.BASIC, "");
            }
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Claimed claimed = Claimed.from(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (claimed == null) {
            chain.doFilter(request, response);
            return;
        }
        if (guard.refusedToWait(claimed.way(), claimed.account(), request, response)) {
            return;
        }
        chain.doFilter(request, response);
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
            guard.succeeded(claimed.way(), claimed.way() == Way.BEARER ? signedIn.getName() : claimed.account(),
                    request);
        } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            guard.failed(claimed.way(), claimed.account(), request);
        }
    }
}
