package io.invoicesync.platform.security;

import io.invoicesync.platform.security.signin.SignInAudit.Way;
import io.invoicesync.platform.security.signin.SignInGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * A browser's sign-in (the console's): the same accounts as the API, checked once, then a session whose cookie is
 * HTTP-only and SameSite=Strict (server.servlet.session.cookie), so no password stays in the browser. Its writes carry
 * the CSRF token it was given here. Signing out ends the session on the server. The session keeps the credentials the
 * console's actions pass on to the command side, which checks them as for any client: sealed (AES-GCM) under the
 * session secret, since sessions live in PostgreSQL (Spring Session JDBC, on the query side), and die with the
 * session.
 */
public class BrowserSession {

    /** Where the sign-in itself is answered: a write a page makes before it has a token. */
    public static final String PATH = "/api/console/session";

    private static final String CREDENTIALS = BrowserSession.class.getName() + ".credentials";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** The key derivation's salt (hex); the secret is what must stay secret. */
    private static final String SALT = "6c6f6e676c697665";

    private final AuthenticationProvider accounts;
    private final SignInGuard guard;
    private final Supplier<String> secret;
    private TextEncryptor sealer;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final HttpSessionCsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();

    public BrowserSession(UserDetailsService users, SignInGuard guard, Supplier<String> secret) {
        this.accounts = new DaoAuthenticationProvider(users);
        this.guard = guard;
        this.secret = secret;
    }

    /**
     * AES-GCM (a fresh nonce per value) under a key derived from the session secret, made at the first sign-in: the
     * credentials a session passes on are sealed in its row, readable by the query nodes that share the secret only.
     */
    private synchronized TextEncryptor sealer() {
        if (sealer == null) {
            sealer = Encryptors.delux(secret.get(), SALT);
        }
        return sealer;
    }

    /**
     * Refuses a sign-in that must wait (too many failures of this account from this address, or from this address),
     * 429 written, before its password is checked; answers whether it did.
     */
    public boolean refusedToWait(String user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return guard.refusedToWait(Way.CONSOLE, user, request, response);
    }

    /**
     * A write that relies on a session cookie alone: the only kind another site could forge. The sign-in and the
     * sign-out aside: a page whose session has ended (a token it holds no longer names one) must still be able to
     * sign out, and end in the sign-in form.
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null && !PATH.equals(request.getRequestURI());
    }

    /** The signed-in browser's account and its token, or nothing (bad credentials: {@link AuthenticationException}). */
    public record SignedIn(Authentication authentication, CsrfToken csrfToken) {
    }

    public SignedIn signIn(String user, String password, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication;
        try {
            authentication = accounts.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
        } catch (AuthenticationException refused) {
            guard.failed(Way.CONSOLE, user, request);
            throw refused;
        }
        guard.succeeded(Way.CONSOLE, user, request);
        // The session keeps who signed in, not their password (a ProviderManager would erase it; this provider is
        // called directly).
        if (authentication instanceof CredentialsContainer container) {
            container.eraseCredentials();
        }
        // A new session id at each sign-in: one planted before it (session fixation) is worth nothing after it.
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        session.setAttribute(CREDENTIALS, sealer().encrypt("Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8))));
        CsrfToken token = tokens.generateToken(request);
        tokens.saveToken(token, request, response);
        return new SignedIn(authentication, token);
    }

    /** The session's token, made if it has none yet; empty when the request has no session. */
    public Optional<CsrfToken> csrfToken(HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) == null) {
            return Optional.empty();
        }
        CsrfToken token = tokens.loadToken(request);
        if (token == null) {
            token = tokens.generateToken(request);
            tokens.saveToken(token, request, response);
        }
        return Optional.of(token);
    }

    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    /**
     * The Authorization header to pass on for this request: its own, or the one its session's sign-in was made with.
     */
    public Optional<String> authorization(HttpServletRequest request) {
        String own = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (own != null) {
            return Optional.of(own);
        }
        HttpSession session = request.getSession(false);
        String sealed = session == null ? null : (String) session.getAttribute(CREDENTIALS);
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(sealer().decrypt(sealed));
        } catch (IllegalStateException otherSecret) {
            // Sealed by a node with another secret: the action goes without credentials and is refused 401.
            return Optional.empty();
        }
    }
}
