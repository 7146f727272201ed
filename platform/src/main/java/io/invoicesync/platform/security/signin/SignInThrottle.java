package io.invoicesync.platform.security.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Failed sign-ins, counted per client address and account and per address alone. Past a limit within the window, the
 * next attempt waits: the first wait, doubled with every further failure, up to the longest wait. A wait is decided
 * before any password is checked, so a flood of guesses costs no hashing. A success forgets its pair's failures. No
 * account is ever locked: the same account from another address is not slowed by these failures.
 *
 * <p>Both counts live in Caffeine caches bounded by {@code tracked} entries each: made-up names cannot grow memory.
 */
public final class SignInThrottle {

    /** One key's failures: how many, the last, and until when the next attempt waits (if it does). */
    record Failures(int count, Instant last, Instant waitUntil) {

        /** Failures are forgotten once the window has passed since their wait (or the last of them) ended. */
        boolean forgottenAt(Instant now, Duration window) {
            Instant quietSince = waitUntil == null ? last : waitUntil;
            return now.isAfter(quietSince.plus(window));
        }
    }

    private final SignInProperties settings;
    private final Clock clock;
    private final Cache<String, Failures> pairs;
    private final Cache<String, Failures> addresses;

    public SignInThrottle(SignInProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Duration remembered = settings.window().plus(settings.longestWait());
        this.pairs = Caffeine.newBuilder().maximumSize(settings.tracked()).expireAfterWrite(remembered).build();
        this.addresses = Caffeine.newBuilder().maximumSize(settings.tracked()).expireAfterWrite(remembered).build();
    }

    /**
     * How long the attempt of this account from this address must wait, if it must. A null account (a bearer token,
     * which names its account only once checked) counts towards its address only.
     */
    public Optional<Duration> waitFor(String address, String account) {
        Instant now = clock.instant();
        return Stream.of(account == null ? null : pairs.getIfPresent(pair(address, account)),
                        addresses.getIfPresent(address))
                .filter(failures -> failures != null && failures.waitUntil() != null
                        && failures.waitUntil().isAfter(now))
                .map(failures -> Duration.between(now, failures.waitUntil()))
                .max(Duration::compareTo);
    }

    public void failed(String address, String account) {
        Instant now = clock.instant();
        if (account != null) {
            pairs.asMap().compute(pair(address, account),
                    (key, failures) -> next(failures, now, settings.failuresPerAccount()));
        }
        addresses.asMap().compute(address, (key, failures) -> next(failures, now, settings.failuresPerAddress()));
    }

    /** A success forgets its pair's failures (not the address's: other accounts may still be guessed from it). */
    public void succeeded(String address, String account) {
        if (account != null) {
            pairs.invalidate(pair(address, account));
        }
    }

    /** How many keys are remembered now (pairs and addresses), after evictions due. */
    public long tracked() {
        pairs.cleanUp();
        addresses.cleanUp();
        return pairs.estimatedSize() + addresses.estimatedSize();
    }

    private Failures next(Failures before, Instant now, int limit) {
        int count = before == null || before.forgottenAt(now, settings.window()) ? 1 : before.count() + 1;
        Instant waitUntil = count < limit ? null : now.plus(wait(count - limit));
        return new Failures(count, now, waitUntil);
    }

    /** The first wait, doubled with each failure past the limit, never longer than the longest wait. */
    private Duration wait(int pastTheLimit) {
        Duration wait = settings.firstWait();
        for (int i = 0; i < pastTheLimit && wait.compareTo(settings.longestWait()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.longestWait()) > 0 ? settings.longestWait() : wait;
    }

    private static String pair(String address, String account) {
        return address + "\n" + account;
    }
}
