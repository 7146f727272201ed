package io.invoicesync.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container forwards here what failed outside Spring MVC (a filter, a rejected request): answered as problem+json
 * like everything else, never Boot's default error page. Called directly, {@code /error} is no resource: 404.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer statusCode)) {
            return answer(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is nothing at /error");
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status.is5xxServerError()) {
            return answer(status, "internal-error", "Internal error",
                    "The request failed on our side; nothing is known to be written");
        }
        return answer(status, status == HttpStatus.NOT_FOUND ? "not-found" : "invalid-request",
                status.getReasonPhrase(), "The request was refused: " + status.getReasonPhrase());
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String rule, String title, String detail) {
        return ResponseEntity.status(status).body(ProblemHandler.problem(status, rule, title, detail, List.of()));
    }
}
