package io.invoicesync.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Refusals made before any controller runs, as problem+json with the security headers:
 * <ul>
 * <li>Spring Security's firewall ({@code ..}, {@code ;}, {@code %2F}, {@code %00} in a path): 400 invalid-path. By
 * default its exception went to the container's error page, which the API's security then answered with 401.</li>
 * <li>Tomcat's own refusals (a 20,000-character URL, a malformed request line): Tomcat writes them with its error
 * report valve, as HTML; the valve is replaced by one that writes problem+json.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ContainerProblems {

    @Bean
    RequestRejectedHandler invalidPath(ProblemWriter problems) {
        return (HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) ->
                problems.write(response, HttpStatus.BAD_REQUEST, "invalid-path", "Invalid path",
                        "The request's path holds what no InvoiceSync URL has (such as '..', ';', an encoded '/' or "
                                + "a NUL); use the paths of the OpenAPI document");
    }

    /** Runs after Boot's own customizer, which installs the plain valve this one replaces. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(
            ObjectProvider<PathParameters> pathParameters) {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemReportValve(pathParameters));
        });
    }

    /** Tomcat's error report as problem+json; it only speaks where nothing was written yet. */
    public static class ProblemReportValve extends ErrorReportValve {

        private final ObjectProvider<PathParameters> pathParameters;

        /** As Tomcat makes it by class name: it cannot name a path parameter. */
        public ProblemReportValve() {
            this(null);
        }

        ProblemReportValve(ObjectProvider<PathParameters> pathParameters) {
            this.pathParameters = pathParameters;
        }

        /** The path variable holding an encoded '/', '\' or NUL, the reason Tomcat refused the request, if so. */
        private String refusedParameter(Request request, int code) {
            if (pathParameters == null || code != HttpStatus.BAD_REQUEST.value()) {
                return null;
            }
            PathParameters paths = pathParameters.getIfAvailable();
            return paths == null ? null : paths.holdingRefusedCharacter(request.getRequestURI()).orElse(null);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.resolve(code);
            String rule = status.is5xxServerError() ? "internal-error" : "invalid-request";
            String detail = status.is5xxServerError() ? "The request failed on our side"
                    : "The request was refused before it reached the API (" + status.getReasonPhrase()
                    + "): its URL or headers are malformed or too large";
            String parameter = status.is5xxServerError() ? null : refusedParameter(request, code);
            String errors = "";
            if (parameter != null) {
                // The name comes from the app's own templates, never from the request: safe to write as is.
                detail = "The path parameter " + parameter + " holds an encoded '/', '\\\\' or NUL, which no "
                        + parameter + " may contain";
                errors = ",\"errors\":[{\"field\":\"" + parameter + "\",\"rule\":\"plain-path-segment\","
                        + "\"message\":\"" + detail + "\"}]";
            }
            try {
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                ProblemWriter.writeHeaders(response, status);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"urn:invoicesync:problem:" + rule + "\",\"title\":\""
                            + status.getReasonPhrase() + "\",\"status\":" + code + ",\"detail\":\"" + detail + "\""
                            + errors + "}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response was committed meanwhile; nothing more can be said to it.
            }
        }
    }
}
