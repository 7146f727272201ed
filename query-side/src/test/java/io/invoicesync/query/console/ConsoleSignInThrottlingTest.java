package io.invoicesync.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.FromAddress;
import io.invoicesync.command.support.FromAddress.Answer;
import io.invoicesync.query.support.QuerySideTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's sign-in with the shipped limits, from real sockets on two loopback addresses: the sixth wrong password
 * for an account from one address is refused 429 with Retry-After before it is checked (the right one too), the
 * operator from another address signs in at once, and each attempt is logged as a security event; the query side's
 * API (HTTP Basic) is guarded alike.
 */
@QuerySideTest
@TestPropertySource(properties = {"invoicesync.security.sign-in.failures-per-account=5",
        "invoicesync.security.sign-in.failures-per-address=20"})
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSignInThrottlingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1);

    @LocalServerPort
    int port;

    @Test
    void theSixthWrongSignInWaitsAndTheOperatorElsewhereSignsIn(CapturedOutput output) throws IOException {
        for (int i = 1; i <= 5; i++) {
            assertThat(signIn("127.0.0.21", "wrong-" + i).status()).isEqualTo(401);
        }

        Answer sixth = signIn("127.0.0.21", PASSWORD);

        assertThat(sixth.status()).as(sixth.body()).isEqualTo(429);
        assertThat(sixth.header("Retry-After")).isNotBlank();
        assertThat(sixth.header("Set-Cookie")).as("no session").isNull();
        assertThat(JSON.readTree(sixth.body()).path("type").asString()).endsWith(":too-many-sign-in-failures");
        Answer elsewhere = signIn("127.0.0.22", PASSWORD);
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        assertThat(output.getOut()).contains("authentication failure event.reason=wrong-password "
                + "event.action=console user.name=admin source.ip=127.0.0.21");
        assertThat(output.getOut()).contains("authentication success event.reason=signed-in event.action=console "
                + "user.name=admin source.ip=127.0.0.22");
    }

    @Test
    void theQuerySidesApiIsGuardedAlike() throws IOException {
        for (int i = 1; i <= 5; i++) {
            assertThat(jobs("127.0.0.23", "wrong").status()).isEqualTo(401);
        }
        assertThat(jobs("127.0.0.23", PASSWORD).status()).isEqualTo(429);
        assertThat(jobs("127.0.0.24", PASSWORD).status()).isEqualTo(200);
    }

    private Answer signIn(String from, String password) throws IOException {
        return FromAddress.send(from, port, "POST", "/api/console/session", null,
                JSON.writeValueAsString(Map.of("user", "admin", "password", password)));
    }

    private Answer jobs(String from, String password) throws IOException {
        return FromAddress.send(from, port, "GET", "/api/integration-jobs", FromAddress.basic("admin", password),
                null);
    }
}
