package io.invoicesync.query.console;

import io.invoicesync.platform.security.BrowserSession;
import io.invoicesync.platform.web.ProblemWriter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's actions on a job (Run, Stop, Retry, Dismiss) are commands, and commands belong to the command side.
 * The page is served here, so these endpoints pass each action on to the command side's own endpoint with the
 * caller's credentials, and answer what the command side answered, refusals included: the command side decides and
 * checks the role, exactly as for a client calling it directly. Only a request the command side never answered is
 * answered here (502).
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/console/integration-jobs/{jobId}")
@ApiResponse(responseCode = "502", description = "The command side did not answer; nothing was sent")
class CommandSideActions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Environment environment;
    private final ProblemWriter problems;
    private final BrowserSession sessions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CommandSideActions(Environment environment, ProblemWriter problems, BrowserSession sessions) {
        this.environment = environment;
        this.sessions = sessions;
        this.problems = problems;
    }

    @PostMapping("/run")
    @ApiResponse(responseCode = "202", description = "The command side started the run (its answer, passed on)")
    void run(@PathVariable UUID jobId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        forward("/api/integration-jobs/" + jobId + "/run", null, request, response);
    }

    @PostMapping("/stop")
    @ApiResponse(responseCode = "200", description = "The command side stopped the job (its answer, passed on)")
    void stop(@PathVariable UUID jobId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        forward("/api/integration-jobs/" + jobId + "/stop", null, request, response);
    }

    @PostMapping("/pause")
    @ApiResponse(responseCode = "200", description = "The command side paused the job (its answer, passed on)")
    void pause(@PathVariable UUID jobId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        forward("/api/integration-jobs/" + jobId + "/pause", null, request, response);
    }

    @PostMapping("/resume")
    @ApiResponse(responseCode = "200", description = "The command side resumed the job (its answer, passed on)")
    void resume(@PathVariable UUID jobId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        forward("/api/integration-jobs/" + jobId + "/resume", null, request, response);
    }

    /** Body as the command side takes it: {@code {"invoiceIds": [...]}}, or none for every failed invoice. */
    @PostMapping("/errors/retry")
    @ApiResponse(responseCode = "202", description = "The command side retries them (its answer, passed on)")
    void retry(@PathVariable UUID jobId, @RequestBody(required = false) String body, HttpServletRequest request,
               HttpServletResponse response) throws IOException {
        forward("/api/integration-jobs/" + jobId + "/errors/retry", body, request, response);
    }

    @PostMapping("/errors/dismiss")
    @ApiResponse(responseCode = "200", description = "The command side dismissed them (its answer, passed on)")
    void dismiss(@PathVariable UUID jobId, @RequestBody(required = false) String body, HttpServletRequest request,
                 HttpServletResponse response) throws IOException {
        forward("/api/integration-jobs/" + jobId + "/errors/dismiss", body, request, response);
    }

    private void forward(String path, String body, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        // Read at each call: where the command side listens may be set after this app started (tests do).
        String base = Binder.get(environment).bindOrCreate("invoicesync.command-side", CommandSideProperties.class)
                .url();
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header(HttpHeaders.ACCEPT, "application/json, application/problem+json")
                .POST(body == null || body.isBlank() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        // The caller's own credentials, or those its browser session was signed in with: the command side checks
        // them as for any client.
        sessions.authorization(request).ifPresent(authorization -> call.header(HttpHeaders.AUTHORIZATION,
                authorization));
        if (body != null && !body.isBlank()) {
            call.header(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpTimeoutException e) {
            problems.write(response, HttpStatus.BAD_GATEWAY, "command-side-unavailable", "Command side unavailable",
                    "The command side at " + base + " did not answer; nothing was sent. Check that it runs, then "
                            + "try again");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the command side", e);
        }
        response.setStatus(answer.statusCode());
        answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(response::setContentType);
        response.getOutputStream().write(answer.body());
    }
}
