package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.CommandSide;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's session on two query-side nodes (their own processes) on one database, as a load balancer without
 * sticky sessions spreads a browser's requests: signed in on node A, the cookie reads and acts on node B (a job run
 * through B reaches the command side as the session's user); node A killed and started again, the session is still
 * there; signed out on B, it is over on A too.
 */
@Tag("reliability")
class ConsoleSessionsAcrossNodesTest {

    private static final String DATABASE = "console_sessions";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aSessionMadeOnOneNodeWorksOnTheOtherSurvivesARestartAndEndsEverywhere() throws Exception {
        String url = Chaos.database(DATABASE);
        int commandPort = CommandSide.port(DATABASE, AppProcess.freePort());
        String[] settings = {"--axon.eventhandling.tokenstore.claim-timeout=2s",
                "--invoicesync.command-side.url=http://localhost:" + commandPort};
        AppProcess a = AppProcess.querySide(url, settings);
        AppProcess b = AppProcess.querySide(url, settings);
        a.start();
        b.start();
        try {
            Api command = new Api(commandPort);
            String password = Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1);
            HttpResponse<String> signedIn = send(a, "POST", "/api/console/session",
                    JSON.writeValueAsString(Map.of("user", "admin", "password", password)), Map.of());
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            JsonNode session = JSON.readTree(signedIn.body());
            Map<String, String> withToken = new HashMap<>(Map.of("Cookie", cookie,
                    session.path("csrfHeader").asString(), session.path("csrfToken").asString()));

            HttpResponse<String> onB = send(b, "GET", "/api/console/session", null, Map.of("Cookie", cookie));
            assertThat(onB.statusCode()).as("node B knows A's session").isEqualTo(200);
            assertThat(JSON.readTree(onB.body()).path("me").path("user").asString()).isEqualTo("admin");
            UUID job = AsyncJob.saved(command, "Sessions " + UUID.randomUUID().toString().substring(0, 4));
            HttpResponse<String> ran = send(b, "POST", "/api/console/integration-jobs/" + job + "/run", null,
                    withToken);
            assertThat(ran.statusCode()).as("acts through B with the session's credentials: " + ran.body())
                    .isEqualTo(202);

            a.kill();
            a.start();
            assertThat(send(a, "GET", "/api/console/session", null, Map.of("Cookie", cookie)).statusCode())
                    .as("A restarted: the session is still there").isEqualTo(200);
            assertThat(send(a, "POST", "/api/console/integration-jobs/" + job + "/stop", null, withToken)
                    .statusCode()).isEqualTo(200);

            assertThat(send(b, "DELETE", "/api/console/session", null, withToken).statusCode()).isEqualTo(204);
            assertThat(send(a, "GET", "/api/console/session", null, Map.of("Cookie", cookie)).statusCode())
                    .as("signed out on B, over on A").isEqualTo(401);
            assertThat(send(a, "GET", "/api/integration-jobs", null, Map.of("Cookie", cookie)).statusCode())
                    .isEqualTo(401);
        } finally {
            a.kill();
            b.kill();
        }
    }

    private HttpResponse<String> send(AppProcess node, String method, String path, String body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
