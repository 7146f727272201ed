package io.invoicesync.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.QuerySideTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's sign-in as a browser makes it, over plain HTTP: a session cookie no script reads and no other site's
 * request carries, writes that must carry the token the sign-in gave, a sign-out that ends the session on the
 * server; API clients unchanged (no session, no token). And the live stream the console reads instead of polling.
 */
@QuerySideTest
class ConsoleSessionTest extends BothApps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBrowserSignsInOnceWritesWithItsTokenAndItsSessionEndsOnTheServerAtSignOut() throws Exception {
        System.setProperty("invoicesync.command-side.url", "http://localhost:" + commandPort());
        String password = Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1);

        HttpResponse<String> wrong = send("POST", "/api/console/session", "{\"user\":\"admin\",\"password\":\"no\"}",
                Map.of());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(wrong.headers().firstValue("Set-Cookie")).as("no session for a wrong password").isEmpty();
        assertThat(send("POST", "/api/console/session", "{\"user\":\"admin\"}", Map.of()).body())
                .as("the field and its rule named").contains("password");

        HttpResponse<String> signedIn = send("POST", "/api/console/session",
                JSON.writeValueAsString(Map.of("user", "admin", "password", password)), Map.of());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("INVOICESYNC_SESSION=").contains("HttpOnly", "SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        JsonNode session = JSON.readTree(signedIn.body());
        assertThat(session.path("me").path("user").asString()).isEqualTo("admin");
        assertThat(session.path("me").path("mayAct").asBoolean()).isTrue();
        assertThat(signedIn.body()).as("the password never comes back").doesNotContain(password);
        Map<String, String> token = Map.of(session.path("csrfHeader").asString(), session.path("csrfToken").asString());

        // The cookie reads; a reload asks who is signed in and gets the same token back.
        assertThat(send("GET", "/api/integration-jobs", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);
        JsonNode again = JSON.readTree(send("GET", "/api/console/session", null, Map.of("Cookie", cookie)).body());
        assertThat(again.path("csrfToken").asString()).isEqualTo(session.path("csrfToken").asString());

        // A write with the cookie alone (what another site's form could make the browser send) is refused.
        UUID jobId = AsyncJob.saved(command, "Session " + UUID.randomUUID().toString().substring(0, 4));
        String run = "/api/console/integration-jobs/" + jobId + "/run";
        HttpResponse<String> forged = send("POST", run, null, Map.of("Cookie", cookie));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forged.body()).path("type").asString())
                .as("a stale page says so, not a missing right").endsWith(":csrf-token-names-this-session");
        HttpResponse<String> wrongToken = send("POST", run, null, Map.of("Cookie", cookie,
                session.path("csrfHeader").asString(), "not-the-token"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_activity WHERE job_id = ? AND action = 'RUN'",
                Long.class, jobId)).as("nothing reached the command side").isZero();
        // With its token, the write goes through to the command side with the session's credentials.
        HttpResponse<String> ran = send("POST", run, null, with(cookie, token));
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(202);
        HttpResponse<String> stopped = send("POST", "/api/console/integration-jobs/" + jobId + "/stop", null,
                with(cookie, token));
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        // The command side knows who asked: the session's user.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT actor FROM sync_activity WHERE job_id = ? AND action = 'RUN'", String.class, jobId))
                .containsExactly("admin"));

        // Signed out on the server: the same cookie, replayed from anywhere, is worth nothing.
        assertThat(send("DELETE", "/api/console/session", null, with(cookie, token)).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/integration-jobs", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/console/session", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);

        // API clients keep their way: credentials each request, no session made, no token asked.
        Api.Response basic = query.send(Api.FINANCE, "GET", "/api/integration-jobs", null);
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /**
     * Sessions live in PostgreSQL (Spring Session JDBC), so every query node knows them and a restart keeps them
     * (TwoQuerySideNodesTest and ConsoleBrowserTest show both): the row names its user and holds the credentials it
     * passes on sealed, never as sent. An idle session expires; a page whose session ended signs out without a
     * refusal.
     */
    @Test
    void aSessionIsARowThatHoldsNoPasswordInClearExpiresWhenIdleAndSignsOutEvenWhenGone() throws Exception {
        String password = Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1);
        HttpResponse<String> signedIn = send("POST", "/api/console/session",
                JSON.writeValueAsString(Map.of("user", "admin", "password", password)), Map.of());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String sessionId = new String(Base64.getDecoder().decode(cookie.substring(cookie.indexOf('=') + 1)),
                StandardCharsets.UTF_8);
        JsonNode session = JSON.readTree(signedIn.body());
        Map<String, String> token = Map.of(session.path("csrfHeader").asString(), session.path("csrfToken").asString());

        assertThat(jdbc.queryForObject("SELECT principal_name FROM spring_session WHERE session_id = ?", String.class,
                sessionId)).isEqualTo("admin");
        List<byte[]> attributes = jdbc.queryForList("SELECT attribute_bytes FROM spring_session_attributes a JOIN "
                + "spring_session s ON s.primary_id = a.session_primary_id WHERE s.session_id = ?", byte[].class,
                sessionId);
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(attributes).isNotEmpty().noneMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)
                .contains(basic) || new String(bytes, StandardCharsets.ISO_8859_1).contains(password));
        assertThat(send("GET", "/api/console/session", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);

        // Idle longer than its timeout: expired, refused, and its row goes.
        jdbc.update("UPDATE spring_session SET last_access_time = 0 WHERE session_id = ?", sessionId);
        assertThat(send("GET", "/api/console/session", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/integration-jobs", null, Map.of("Cookie", cookie)).statusCode()).isEqualTo(401);
        // The page then signs out, with the token of a session that is gone: no refusal, it ends in the sign-in.
        assertThat(send("DELETE", "/api/console/session", null, with(cookie, token)).statusCode()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE session_id = ?", Long.class,
                sessionId)).isZero();
    }

    @Test
    void theLiveStreamSaysEverySecondWhatThePageShowsAndThatAMissingJobIsGone() throws Exception {
        List<String> events = firstEvents("/api/console/stream?view=JOBS", 3);
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).startsWith("state "));
        JsonNode first = JSON.readTree(events.get(0).substring("state ".length()));
        assertThat(first.path("version").isInt()).isTrue();
        assertThat(first.path("at").asString()).isNotBlank();
        assertThat(events.get(2)).startsWith("state ");

        // What the page shows does not exist: it is told once, and the stream ends rather than be asked again.
        List<String> gone = firstEvents("/api/console/stream?view=JOB&jobId=" + UUID.randomUUID(), 5);
        assertThat(gone).hasSize(1);
        assertThat(gone.get(0)).startsWith("gone ");

        HttpResponse<String> noView = send("GET", "/api/console/stream?view=EVERYTHING", null,
                Map.of("Authorization", basic(Api.FINANCE)));
        assertThat(noView.statusCode()).isEqualTo(422);
        assertThat(noView.body()).contains("view");
        HttpResponse<String> noJob = send("GET", "/api/console/stream?view=JOB", null,
                Map.of("Authorization", basic(Api.FINANCE)));
        assertThat(noJob.statusCode()).isEqualTo(422);
        assertThat(noJob.body()).contains("jobId");
    }

    @Test
    void thePageNamesItsScriptAndStyleByTheirContentSoTheyAreCachedForAYearAndThePageNever() throws Exception {
        HttpResponse<String> page = send("GET", "/console/index.html", null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
        Matcher script = Pattern.compile("src=\"(/console/console-[0-9a-f]{32}\\.js)\"")
                .matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();
        assertThat(page.body()).containsPattern("href=\"/console/console-[0-9a-f]{32}\\.css\"");
        HttpResponse<String> js = send("GET", script.group(1), null, Map.of());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
        assertThat(js.body()).contains("EventSource");
        // A browser asks for a favicon by itself, signed in or not: there is none, said as such, not a 401.
        assertThat(send("GET", "/favicon.ico", null, Map.of()).statusCode()).isEqualTo(404);
    }

    /** Up to {@code count} events of a stream as "name data", read until it ends or has given them. */
    private List<String> firstEvents(String path, int count) throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort
                        + path)).header("Authorization", basic(Api.FINANCE)).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while (events.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    events.add(name + " " + line.substring("data:".length()).trim());
                }
            }
        }
        return events;
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(String cookie, Map<String, String> token) {
        Map<String, String> headers = new HashMap<>(token);
        headers.put("Cookie", cookie);
        return headers;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private int commandPort() {
        return CommandSide.port("postgres", queryPort);
    }
}
