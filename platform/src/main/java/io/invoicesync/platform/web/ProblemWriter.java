package io.invoicesync.platform.web;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json outside Spring MVC: the security filters, the firewall in front of them and the servlet
 * container answer before any controller runs. Those answers carry the same security headers as the API's own,
 * since some of them are written before Spring Security's header writer has run.
 */
@Component
public class ProblemWriter {

    /** What Spring Security adds to every answer it lets through; repeated here for answers it never sees. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, HttpStatus status, String rule, String title, String detail)
            throws IOException {
        write(response, status, rule, title, detail, List.of());
    }

    public void write(HttpServletResponse response, HttpStatus status, String rule, String title, String detail,
                      List<FieldViolation> errors) throws IOException {
        writeHeaders(response, status);
        json.writeValue(response.getOutputStream(), ProblemHandler.problem(status, rule, title, detail, errors));
    }

    /** The database away, answered as the API answers it: 503 with Retry-After. */
    public void writeDatabaseUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, ProblemHandler.RETRY_AFTER);
        writeHeaders(response, HttpStatus.SERVICE_UNAVAILABLE);
        json.writeValue(response.getOutputStream(), ProblemHandler.databaseUnavailableProblem());
    }

    /** A business rule's refusal, answered as the API answers it. */
    public void write(HttpServletResponse response, BusinessRuleViolation refused) throws IOException {
        ProblemDetail problem = ProblemHandler.problemOf(refused);
        writeHeaders(response, HttpStatus.valueOf(problem.getStatus()));
        json.writeValue(response.getOutputStream(), problem);
    }

    static void writeHeaders(HttpServletResponse response, HttpStatus status) {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        SECURITY_HEADERS.forEach((name, value) -> {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        });
    }
}
