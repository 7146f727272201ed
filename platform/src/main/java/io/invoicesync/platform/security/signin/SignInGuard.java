package io.invoicesync.platform.security.signin;

import io.invoicesync.platform.security.signin.SignInAudit.Reason;
import io.invoicesync.platform.security.signin.SignInAudit.Way;
import io.invoicesync.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Every way in asks here before credentials are checked, and says here how the check went: an attempt that must wait
 * is refused {@code 429 too-many-sign-in-failures} with {@code Retry-After}, before any password hash; each outcome
 * is counted against the client's address and account ({@link SignInThrottle}) and recorded ({@link SignInAudit}).
 * The refusal reads the same whether the account exists or not.
 */
public final class SignInGuard {

    private final SignInThrottle throttle;
    private final ClientAddress addresses;
    private final SignInAudit audit;
    private final ProblemWriter problems;
    private final Predicate<String> knownAccount;

    public SignInGuard(SignInThrottle throttle, ClientAddress addresses, SignInAudit audit, ProblemWriter problems,
                       Predicate<String> knownAccount) {
        this.throttle = throttle;
        this.addresses = addresses;
        this.audit = audit;
        this.problems = problems;
        this.knownAccount = knownAccount;
    }

    /** Refuses the attempt, 429 written, when it must wait; answers whether it did. */
    public boolean refusedToWait(Way way, String account, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String address = addresses.of(request);
        Optional<Duration> wait = throttle.waitFor(address, account);
        if (wait.isEmpty()) {
            return false;
        }
        audit.record(way, Reason.THROTTLED, account, address);
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-failures", "Too many failed sign-ins",
                "Too many failed sign-ins from this address; try again in " + seconds + " s");
        return true;
    }

    public void succeeded(Way way, String account, HttpServletRequest request) {
        String address = addresses.of(request);
        throttle.succeeded(address, account);
        audit.record(way, Reason.SIGNED_IN, account, address);
    }

    public void failed(Way way, String account, HttpServletRequest request) {
        String address = addresses.of(request);
        throttle.failed(address, account);
        Reason reason = way == Way.BEARER ? Reason.INVALID_TOKEN
                : account != null && knownAccount.test(account) ? Reason.WRONG_PASSWORD : Reason.UNKNOWN_USER;
        audit.record(way, reason, account, address);
    }
}
