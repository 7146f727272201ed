package io.invoicesync.query.console;

import io.invoicesync.platform.security.BrowserSession;
import io.invoicesync.platform.web.ProblemWriter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's sign-in: the password is checked here once and never kept by the page; the browser holds an
 * HTTP-only, SameSite=Strict session cookie, and sends the CSRF token answered here with each write.
 */
@RestController
@ConditionalOnWebApplication
class ConsoleSessionController {

    private final BrowserSession sessions;
    private final ProblemWriter problems;

    ConsoleSessionController(BrowserSession sessions, ProblemWriter problems) {
        this.sessions = sessions;
        this.problems = problems;
    }

    record SignIn(@NotBlank @Size(max = 200) String user, @NotBlank @Size(max = 200) String password) {
    }

    /** Who signed in, what they may do, and the header and token their writes carry. */
    record Session(ConsoleController.Me me, String csrfHeader, String csrfToken) {
    }

    @PostMapping(BrowserSession.PATH)
    @ApiResponse(responseCode = "401", description = "Unknown user or wrong password; no session is made")
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins from this address: wait Retry-After")
    Session signIn(@Valid @RequestBody SignIn signIn, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (sessions.refusedToWait(signIn.user(), request, response)) {
            return null;
        }
        try {
            BrowserSession.SignedIn signedIn = sessions.signIn(signIn.user(), signIn.password(), request, response);
            return new Session(ConsoleController.Me.of(signedIn.authentication()),
                    signedIn.csrfToken().getHeaderName(), signedIn.csrfToken().getToken());
        } catch (AuthenticationException refused) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign-in refused",
                    "Unknown user or wrong password");
            return null;
        }
    }

    /** The page, reloaded, asks who is signed in (its cookie says) and for its token again. */
    @GetMapping(BrowserSession.PATH)
    @ApiResponse(responseCode = "401", description = "No session: sign in")
    Session current(Authentication authentication, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var token = sessions.csrfToken(request, response);
        if (authentication == null || token.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed in",
                    "This browser has no session: sign in");
            return null;
        }
        return new Session(ConsoleController.Me.of(authentication), token.get().getHeaderName(),
                token.get().getToken());
    }

    /** Ends the session on the server: its cookie is worth nothing after this, wherever it was copied to. */
    @DeleteMapping(BrowserSession.PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void signOut(HttpServletRequest request) {
        sessions.signOut(request);
    }
}
