package io.invoicesync.platform.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Makes the OpenAPI document say what the API really answers. Success codes come from each handler's
 * {@code @ResponseStatus}; this adds to every operation the refusals it can meet, each as problem+json (RFC 9457):
 * 400 (a path or body that cannot be read), 401, 403, 404 (an id in the path that names nothing), 409 (a change that
 * meets another state), 422 (a broken input rule or business rule), 500 (with an incident id only) and 503 (the
 * database away). Every answer names its media type (JSON, problem+json), never {@code *}/{@code *}. A summary is
 * made from the handler's name where none is given, and a string whose pattern is a list of words becomes an enum. {@code ApiContractTest} fails on any status an operation answers but does not list.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiContract {

    private static final Pattern WORDS = Pattern.compile("[A-Z][A-Z_]*(\\|[A-Z][A-Z_]*)+");

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean read = handler.hasMethodAnnotation(GetMapping.class);
            boolean hasId = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class));
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("400", "The path or the body cannot be read (malformed JSON, an unknown field, a bad path)");
            problems.put("401", "No or wrong credentials");
            problems.put("403", "Your role may not do this");
            if (hasId) {
                problems.put("404", "The id in the path names nothing of this kind");
            }
            if (!read || handler.hasMethodAnnotation(DeleteMapping.class)) {
                problems.put("409", "It conflicts with the current state (or a stale If-Match): nothing was written");
            }
            problems.put("422", "An input rule or business rule refused it: the field and the rule are named");
            problems.put("500", "An unexpected failure: the answer carries an incident id, never the cause");
            problems.put("503", "The database cannot be reached just now; retry after Retry-After");
            problems.forEach((code, description) -> {
                if (!responses.containsKey(code)) {
                    responses.addApiResponse(code, problem(description));
                }
            });
            responses.forEach(OpenApiContract::namedMediaType);
            operation.setResponses(responses);
            if (operation.getSummary() == null) {
                operation.setSummary(summaryOf(handler));
            }
            return operation;
        };
    }

    /** A string limited to a few words by its pattern is an enum: clients generate it as one. */
    @Bean
    OpenApiCustomizer wordPatternsAreEnums() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            openApi.getComponents().getSchemas().values().forEach(schema -> {
                Map<String, Schema> properties = schema.getProperties();
                if (properties == null) {
                    return;
                }
                properties.values().forEach(OpenApiContract::enumFromPattern);
            });
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void enumFromPattern(Schema property) {
        if (property.getPattern() != null && WORDS.matcher(property.getPattern()).matches()) {
            property.setEnum(List.of(property.getPattern().split("\\|")));
            property.setPattern(null);
        }
    }

    /**
     * A handler that declares no {@code produces} is documented as {@code *}/{@code *}: its answers are JSON (and a
     * refusal problem+json), so the document says so; a refusal declared without content (the console's 502) gets
     * the problem body it really has.
     */
    private static void namedMediaType(String code, ApiResponse response) {
        boolean success = code.startsWith("2");
        if (response.getContent() != null && response.getContent().containsKey("*/*")) {
            MediaType any = response.getContent().remove("*/*");
            response.getContent().addMediaType(success ? "application/json" : "application/problem+json", any);
        }
        if (!success && (response.getContent() == null || response.getContent().isEmpty())) {
            response.setContent(problem(response.getDescription()).getContent());
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }

    /** {@code addTableMap} becomes "Add table map". */
    private static String summaryOf(HandlerMethod handler) {
        String words = handler.getMethod().getName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
