package io.invoicesync.command.support;

import io.invoicesync.platform.security.GeneratedCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against the running app, as a user's curl would be. */
public final class Api {

    /** The test accounts' passwords: made on first use in the file the apps under test read too (see the pom). */
    private static final Map<String, String> PASSWORDS = GeneratedCredentials.loadOrCreate(
            Path.of(System.getenv().getOrDefault("INVOICESYNC_CREDENTIALS_FILE", "target/test-credentials.properties")),
            List.of("admin", "finance", "pm", "sync"));

    public static final String PM = "pm:" + PASSWORDS.get("pm");
    public static final String ADMIN = "admin:" + PASSWORDS.get("admin");
    public static final String FINANCE = "finance:" + PASSWORDS.get("finance");
    /** The command side's service account on the query side (real-time sync). */
    public static final String SYNC = "sync:" + PASSWORDS.get("sync");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, String contentType, JsonNode body, String eTag, HttpHeaders headers) {

        public String text(String field) {
            return body.path(field).asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response post(String user, String path, Object body) {
        return send(user, "POST", path, body instanceof String raw ? raw : JSON.writeValueAsString(body));
    }

    public Response put(String user, String path, Object body) {
        return send(user, "PUT", path, JSON.writeValueAsString(body));
    }

    public Response delete(String user, String path) {
        return send(user, "DELETE", path, null);
    }

    /** A GET whose answer is not JSON (Prometheus' text page, say): status and body as they came. */
    public String getText(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1));
        if (user != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " interrupted", e);
        }
    }

    public Response send(String user, String method, String path, String body) {
        return send(user, method, path, body, Map.of());
    }

    public Response send(String user, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (user != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json,
                    response.headers().firstValue("ETag").orElse(null), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
