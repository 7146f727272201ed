package io.invoicesync.platform.security.signin;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed sign-ins are slowed down, on every way in (the console's sign-in, HTTP Basic, bearer tokens).
 *
 * @param failuresPerAccount failed sign-ins of one account from one address, within the window, before the next
 *                           is refused 429 (INVOICESYNC_SECURITY_SIGN_IN_FAILURES_PER_ACCOUNT, default 5)
 * @param failuresPerAddress failed sign-ins from one address, whatever the accounts, within the window, before
 *                           the next is refused 429 (INVOICESYNC_SECURITY_SIGN_IN_FAILURES_PER_ADDRESS, default 20)
 * @param window             how long failures are remembered once their wait is over (default 5 minutes)
 * @param firstWait          the wait after the limit is reached; it doubles with each further failure (default 1
 *                           minute)
 * @param longestWait        the longest wait (default 15 minutes): no account is ever locked for good
 * @param tracked            at most this many address-and-account pairs, and as many addresses, are remembered (the
 *                           least recently failed are forgotten first), so that names an attacker makes up cannot
 *                           grow memory (default 10,000: a few MB)
 * @param trustedProxies     addresses of reverse proxies whose X-Forwarded-For names the client
 *                           (INVOICESYNC_SECURITY_SIGN_IN_TRUSTED_PROXIES, comma-separated; default none: the
 *                           connection's own address is the client's)
 */
@ConfigurationProperties("invoicesync.security.sign-in")
public record SignInProperties(Integer failuresPerAccount, Integer failuresPerAddress, Duration window,
                               Duration firstWait, Duration longestWait, Integer tracked,
                               List<String> trustedProxies) {

    public SignInProperties {
        failuresPerAccount = failuresPerAccount == null ? 5 : failuresPerAccount;
        failuresPerAddress = failuresPerAddress == null ? 20 : failuresPerAddress;
        window = window == null ? Duration.ofMinutes(5) : window;
        firstWait = firstWait == null ? Duration.ofMinutes(1) : firstWait;
        longestWait = longestWait == null ? Duration.ofMinutes(15) : longestWait;
        tracked = tracked == null ? 10_000 : tracked;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    public static SignInProperties defaults() {
        return new SignInProperties(null, null, null, null, null, null, null);
    }
}
