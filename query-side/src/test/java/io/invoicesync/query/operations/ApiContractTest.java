package io.invoicesync.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.QuerySideTest;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI documents of both apps against the apps themselves: every controller mapping is documented, and every
 * status an operation answers (to anyone, a reader, a project manager, an admin; an unknown id, a malformed one, an
 * empty body) is listed among its responses.
 */
@QuerySideTest
class ApiContractTest {

    /** Operations not called with made-up input: they would act (a replay of the shared test database). */
    private static final Set<String> NOT_CALLED = Set.of("POST /api/replay/finance");
    private static final List<String> USERS = java.util.Arrays.asList(null, Api.FINANCE, Api.PM, Api.ADMIN);

    @LocalServerPort
    int queryPort;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping queryMappings;

    @Test
    void everyControllerMappingOfBothAppsIsInTheirDocument() {
        for (App app : apps()) {
            JsonNode paths = app.api().send(Api.ADMIN, "GET", "/v3/api-docs", null).body().path("paths");
            List<String> missing = new ArrayList<>();
            int checked = 0;
            for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : app.mappings().getHandlerMethods().entrySet()) {
                HandlerMethod handler = mapping.getValue();
                if (handler.getBeanType().isAnnotationPresent(Hidden.class) || handler.hasMethodAnnotation(Hidden.class)
                        || handler.getBeanType().getName().startsWith("org.springdoc")) {
                    continue;
                }
                for (String pattern : mapping.getKey().getPatternValues()) {
                    for (var method : mapping.getKey().getMethodsCondition().getMethods()) {
                        checked++;
                        if (!paths.path(pattern).has(method.name().toLowerCase())) {
                            missing.add(method + " " + pattern);
                        }
                    }
                }
            }
            assertThat(checked).as(app.name() + " mappings checked").isGreaterThan(10);
            assertThat(missing).as(app.name() + " mappings missing from /v3/api-docs").isEmpty();
        }
    }

    /** The users' guide names every operation of both documents by method and path, as the documents spell it. */
    @Test
    void everyOperationOfBothDocumentsIsInTheUsersGuide() throws IOException {
        String guide = Files.readString(DocsTest.USING);
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (App app : apps()) {
            JsonNode paths = app.api().send(Api.ADMIN, "GET", "/v3/api-docs", null).body().path("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    operations++;
                    String operation = method.getKey().toUpperCase() + " " + path.getKey();
                    // Followed by anything but more path: "GET /api/integration-jobs" is not found in its sub-paths.
                    if (!Pattern.compile(Pattern.quote(operation) + "(?![\\w/{.-])").matcher(guide).find()) {
                        missing.add(app.name() + ": " + operation);
                    }
                }
            }
        }
        assertThat(operations).isGreaterThan(50);
        assertThat(missing).as("operations missing from docs/using.md").isEmpty();
    }

    @Test
    void everyAnswerNamesItsMediaTypeAndEveryRefusalIsProblemJson() {
        List<String> vague = new ArrayList<>();
        int responses = 0;
        for (App app : apps()) {
            JsonNode paths = app.api().send(Api.ADMIN, "GET", "/v3/api-docs", null).body().path("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                        responses++;
                        JsonNode content = response.getValue().path("content");
                        String where = app.name() + ": " + operation.getKey() + " " + path.getKey() + " "
                                + response.getKey() + " " + content.propertyNames();
                        if (content.has("*/*")
                                || !response.getKey().startsWith("2") && !content.has("application/problem+json")) {
                            vague.add(where);
                        }
                    }
                }
            }
        }
        assertThat(responses).isGreaterThan(200);
        assertThat(vague).isEmpty();
    }

    @Test
    void everyStatusAnOperationAnswersIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        int calls = 0;
        for (App app : apps()) {
            JsonNode paths = app.api().send(Api.ADMIN, "GET", "/v3/api-docs", null).body().path("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase();
                    if (NOT_CALLED.contains(method + " " + path.getKey())) {
                        continue;
                    }
                    JsonNode responses = operation.getValue().path("responses");
                    for (String id : new String[]{UUID.randomUUID().toString(), "not-an-id"}) {
                        String concrete = path.getKey().replaceAll("\\{[^}]+}", id);
                        for (String user : USERS) {
                            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
                            int status = app.api().send(user, method, concrete, body).status();
                            calls++;
                            if (!responses.has(String.valueOf(status)) && !responses.has("default")) {
                                undocumented.add(app.name() + ": " + method + " " + concrete + " as "
                                        + (user == null ? "nobody" : user.substring(0, user.indexOf(':')))
                                        + " answered " + status + ", documented " + responses.propertyNames());
                            }
                        }
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(100);
        assertThat(undocumented).isEmpty();
    }

    private record App(String name, Api api, RequestMappingHandlerMapping mappings) {
    }

    private List<App> apps() {
        ApplicationContext command = CommandSide.context("postgres", queryPort);
        int commandPort = CommandSide.port("postgres", queryPort);
        return List.of(new App("query side", new Api(queryPort), queryMappings),
                new App("command side", new Api(commandPort),
                        command.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)));
    }
}
