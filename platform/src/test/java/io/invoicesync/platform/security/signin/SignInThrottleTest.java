package io.invoicesync.platform.security.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The counting rules of failed sign-ins, on a clock the test moves: the limit per address and account and per address,
 * the growing wait and its cap, a success forgetting its pair, the window, and the bound on memory.
 */
class SignInThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(SignInProperties.defaults(), clock);

    @Test
    void fiveFailuresMakeTheSixthWaitAndEachFurtherFailureDoublesTheWaitUpToFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1", "admin");
            assertThat(throttle.waitFor("10.0.0.1", "admin")).as("failure " + (i + 1)).isEmpty();
        }
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.waitFor("10.0.0.1", "admin")).contains(Duration.ofMinutes(1));

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.pass(throttle.waitFor("10.0.0.1", "admin").orElseThrow());
            assertThat(throttle.waitFor("10.0.0.1", "admin")).as("the wait is over").isEmpty();
            throttle.failed("10.0.0.1", "admin");
            waits.add(throttle.waitFor("10.0.0.1", "admin").orElseThrow());
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void anotherAddressIsNotSlowedAndASuccessForgetsItsPair() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        assertThat(throttle.waitFor("10.0.0.1", "admin")).isPresent();
        assertThat(throttle.waitFor("10.0.0.2", "admin")).as("the operator, elsewhere").isEmpty();
        assertThat(throttle.waitFor("10.0.0.1", "finance")).as("another account from there").isEmpty();

        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.2", "pm");
        }
        throttle.succeeded("10.0.0.2", "pm");
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.2", "pm");
        }
        assertThat(throttle.waitFor("10.0.0.2", "pm")).as("counted again from the success").isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressAcrossAccountsMakeItWait() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("10.0.0.3", "user-" + i);
        }
        assertThat(throttle.waitFor("10.0.0.3", "someone-else")).isEmpty();
        throttle.failed("10.0.0.3", "user-19");
        assertThat(throttle.waitFor("10.0.0.3", "someone-else")).contains(Duration.ofMinutes(1));
        assertThat(throttle.waitFor("10.0.0.3", null)).as("a bearer token from there too").isPresent();
        assertThat(throttle.waitFor("10.0.0.4", "someone-else")).isEmpty();
    }

    @Test
    void failuresAreForgottenAWindowAfterTheirWaitEnded() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.5", "admin");
        }
        clock.pass(Duration.ofMinutes(5).plusSeconds(1));
        throttle.failed("10.0.0.5", "admin");
        assertThat(throttle.waitFor("10.0.0.5", "admin")).as("the four before are forgotten").isEmpty();
    }

    @Test
    void aThousandMadeUpNamesStayWithinTheBound() {
        SignInThrottle small = new SignInThrottle(new SignInProperties(null, null, null, null, null, 100, null), clock);
        for (int i = 0; i < 1_000; i++) {
            small.failed("10.0." + i / 250 + "." + i % 250, "nobody-" + i);
        }
        assertThat(small.tracked()).isLessThanOrEqualTo(200);
    }

    @Test
    void theClientIsTheConnectionUnlessItIsATrustedProxy() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.9");
        request.addHeader("X-Forwarded-For", "1.2.3.4, 10.0.0.8");
        assertThat(new ClientAddress(List.of()).of(request)).as("anyone can send the header").isEqualTo("10.0.0.9");
        assertThat(new ClientAddress(List.of("10.0.0.9")).of(request)).isEqualTo("10.0.0.8");
        assertThat(new ClientAddress(List.of("10.0.0.9", "10.0.0.8")).of(request))
                .as("the right-most address no trusted proxy added").isEqualTo("1.2.3.4");
    }

    @Test
    void aNameIsLoggedWithoutLineBreaksAndShort() {
        assertThat(SignInAudit.printable("admin\nINFO forged line")).isEqualTo("admin_INFO_forged_line");
        assertThat(SignInAudit.printable("x".repeat(100))).hasSize(65);
        assertThat(SignInAudit.printable(null)).isEqualTo("-");
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
