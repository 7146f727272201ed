package io.invoicesync.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.CommandSideTest;
import io.invoicesync.command.support.FromAddress;
import io.invoicesync.command.support.FromAddress.Answer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guessing passwords over HTTP Basic, from real sockets on several loopback addresses, with the shipped limits: the
 * sixth wrong password of an account from one address waits ({@code 429} with {@code Retry-After}), even when it is
 * the right one, while the same account from another address signs in at once; a success forgets its failures; twenty
 * failures from an address, whatever the names, make it wait; unknown user and wrong password answer alike, in the
 * same time. Each attempt leaves a log line and counts in {@code invoicesync_authentications_total}.
 */
@CommandSideTest
@TestPropertySource(properties = {"invoicesync.security.sign-in.failures-per-account=5",
        "invoicesync.security.sign-in.failures-per-address=20"})
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottlingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1);
    private static final String WRONG = "not-the-password-" + PASSWORD.hashCode();

    @LocalServerPort
    int port;

    @Test
    void fromTheSixthWrongPasswordTheAddressWaitsWhileTheOperatorElsewhereSignsInAtOnce(CapturedOutput output)
            throws IOException {
        for (int i = 1; i <= 5; i++) {
            assertThat(info("127.0.0.11", "admin", WRONG).status()).as("wrong password " + i).isEqualTo(401);
        }

        Answer sixth = info("127.0.0.11", "admin", PASSWORD);

        assertThat(sixth.status()).as("even the right password waits: " + sixth.body()).isEqualTo(429);
        assertThat(sixth.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(sixth.body()).path("type").asString()).endsWith(":too-many-sign-in-failures");
        assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(1, 60);
        assertThat(info("127.0.0.12", "admin", PASSWORD).status()).as("the operator, from elsewhere").isEqualTo(200);

        assertThat(output.getOut()).contains("authentication failure event.reason=wrong-password event.action=basic "
                + "user.name=admin source.ip=127.0.0.11");
        assertThat(output.getOut()).contains("authentication failure event.reason=throttled event.action=basic "
                + "user.name=admin source.ip=127.0.0.11");
        assertThat(output.getOut()).as("never a password in the log").doesNotContain(WRONG).doesNotContain(PASSWORD);
    }

    @Test
    void aSuccessForgetsTheFailuresBeforeIt() throws IOException {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(info("127.0.0.13", "admin", WRONG).status()).isEqualTo(401);
            }
            assertThat(info("127.0.0.13", "admin", PASSWORD).status()).as("round " + round).isEqualTo(200);
        }
    }

    @Test
    void twentyFailuresFromOneAddressWhateverTheNamesMakeItWait(CapturedOutput output) throws IOException {
        for (int i = 0; i < 20; i++) {
            assertThat(info("127.0.0.14", "guess-" + i, WRONG).status()).isEqualTo(401);
        }
        assertThat(info("127.0.0.14", "admin", PASSWORD).status()).isEqualTo(429);
        assertThat(output.getOut()).contains("event.reason=unknown-user event.action=basic user.name=guess-7 "
                + "source.ip=127.0.0.14");
    }

    @Test
    void anUnknownUserAndAWrongPasswordAnswerAlikeAndInTheSameTime() throws IOException {
        Answer unknown = info("127.0.0.15", "nobody", WRONG);
        Answer wrong = info("127.0.0.16", "finance", WRONG);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(JSON.readTree(unknown.body())).isEqualTo(JSON.readTree(wrong.body()));

        // Timed from many addresses (none reaches a limit): an unknown name costs what a wrong password costs, so the
        // time tells no one which accounts exist. (A bcrypt check alone takes tens of milliseconds.)
        List<Long> unknownNanos = new ArrayList<>();
        List<Long> wrongNanos = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            unknownNanos.add(timed("127.0.1." + i, "nobody-" + i));
            wrongNanos.add(timed("127.0.2." + i, "finance"));
        }
        long difference = Math.abs(median(unknownNanos) - median(wrongNanos)) / 1_000_000;
        assertThat(difference).as("median ms apart, unknown " + unknownNanos + " wrong " + wrongNanos)
                .isLessThan(25);
    }

    @Test
    void everyOutcomeIsCounted() throws IOException {
        double before = counted("failure", "wrong-password");
        info("127.0.0.17", "admin", WRONG);
        info("127.0.0.17", "admin", WRONG);
        assertThat(counted("failure", "wrong-password")).isEqualTo(before + 2);
        assertThat(counted("success", "signed-in")).as("the scrapes themselves signed in").isPositive();
    }

    private Answer info(String from, String user, String password) throws IOException {
        return FromAddress.send(from, port, "GET", "/actuator/info", FromAddress.basic(user, password), null);
    }

    private long timed(String from, String user) throws IOException {
        long start = System.nanoTime();
        assertThat(info(from, user, WRONG).status()).isEqualTo(401);
        return System.nanoTime() - start;
    }

    private double counted(String outcome, String reason) throws IOException {
        String page = FromAddress.send("127.0.0.1", port, "GET", "/actuator/prometheus",
                FromAddress.basic("admin", PASSWORD), null).body();
        Matcher line = Pattern.compile("invoicesync_authentications_total\\{[^}]*outcome=\"" + outcome
                + "\",reason=\"" + reason + "\",way=\"basic\"} ([0-9.E]+)").matcher(page);
        assertThat(line.find()).as("the counter in " + page.lines().filter(l -> l.contains("authentications"))
                .toList()).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
