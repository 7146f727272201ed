package io.invoicesync.platform.web;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every refusal is an RFC 9457 problem+json: a {@code type} per rule, the sentence the user reads as {@code detail},
 * and an {@code errors} list naming each field and rule. 400 unreadable input, 404 unknown id, 409 state conflict or
 * stale version, 410 removed on purpose, 422 a rule broken.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String TYPE_PREFIX = "urn:invoicesync:problem:";
    static final String RETRY_AFTER = "5";

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalidRequest(InvalidRequest e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "The request breaks input rules",
                e.getMessage(), e.violations());
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail ruleBroken(BusinessRuleViolation e) {
        return problemOf(e);
    }

    /** A broken rule as its problem: the status its refusal says, the rule as type, every broken field. */
    static ProblemDetail problemOf(BusinessRuleViolation e) {
        HttpStatus status = switch (e.refusal()) {
            case STATE_CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case RULE_BROKEN -> HttpStatus.UNPROCESSABLE_CONTENT;
            case GONE -> HttpStatus.GONE;
        };
        String title = switch (e.refusal()) {
            case STATE_CONFLICT -> "The request conflicts with the current state";
            case NOT_FOUND -> "Not found";
            case RULE_BROKEN -> "A business rule refused the request";
            case GONE -> "No longer there";
        };
        return problem(status, e.rule(), title, e.getMessage(), e.broken().stream()
                .map(broken -> new FieldViolation(broken.field(), broken.rule(), broken.message())).toList());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "Nothing with id " + e.getAggregateIdentifier() + " exists", List.of());
    }

    /** If-Match named a version that is no longer current: another client changed it first. */
    @ExceptionHandler(ConflictingModificationException.class)
    ProblemDetail staleVersion(ConflictingModificationException e) {
        return problem(HttpStatus.CONFLICT, "stale-version", "Changed since you read it",
                "It changed since the version you sent in If-Match; use the ETag of the latest answer and retry",
                List.of(new FieldViolation("If-Match", "stale-version", e.getMessage())));
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), List.of());
    }

    /** Two writers raced for one key (an aggregate's next sequence number, a row's id): one won. */
    @ExceptionHandler({ConcurrencyException.class, DuplicateKeyException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        log.info("Refused a concurrent change: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently",
                "Another request changed the same data at the same moment; read it again and retry", List.of());
    }

    /**
     * The database refused a value that the edge should have refused first. Nothing was written (the transaction
     * rolled back); the request is at fault, so 422, and the log says which check is missing.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refusedByDatabase(DataIntegrityViolationException e) {
        log.warn("A value reached the database that no input rule refused (add one): {}", e.getMostSpecificCause().getMessage());
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "refused-by-database", "The database refused a value",
                "A value in the request is outside what the database holds; nothing was written", List.of());
    }

    /**
     * What no other handler answers is a defect of ours: 500 as problem+json, the cause in the log under an id the
     * caller can quote, never in the answer.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpectedOrDatabaseAway(Exception e) {
        if (DatabaseAway.causes(e)) {
            return databaseUnavailable(e);
        }
        return ResponseEntity.internalServerError().body(unexpected(e));
    }

    private ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; nothing is known to be written. Quote incident " + incident, List.of());
        problem.setProperty("incident", incident);
        return problem;
    }

    /**
     * The database is away for a moment (restarting, failing over, refusing connections, or the connection lost in the
     * middle of the request): the request can be sent again. 503 with Retry-After, not a 500 that reads like a bug.
     * Whether the request's last commit took effect cannot be known when the connection went during it, so the detail
     * does not promise that nothing was written.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("Database unavailable, request refused: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
                .body(databaseUnavailableProblem());
    }

    static ProblemDetail databaseUnavailableProblem() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "The database cannot be reached just now; retry in a few seconds. What this request had not "
                        + "committed when it went away is not written, and a retry finds what was", List.of());
    }

    /**
     * Axon wraps what a handler threw when it crosses a bus or an event handler (a lookup refusing inside the command's
     * transaction); answer for the cause, not the wrapper.
     */
    @ExceptionHandler(AxonException.class)
    ResponseEntity<Object> wrapped(AxonException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessRuleViolation violation) {
                ProblemDetail problem = ruleBroken(violation);
                return ResponseEntity.status(problem.getStatus()).body(problem);
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(notFound));
            }
        }
        return unexpectedOrDatabaseAway(e);
    }

    /**
     * The problem one item of a bulk request answers: each item stands alone, so a refusal of one (a rule, a state,
     * an id that names nothing, a concurrent change) is that item's answer, with the status and problem it would have
     * had alone. Empty for a failure of the service itself (the database away, a defect): that answers the whole
     * request, as usual.
     */
    public Optional<ProblemDetail> refusalOf(RuntimeException e) {
        if (e instanceof BusinessRuleViolation violation) {
            return Optional.of(ruleBroken(violation));
        }
        if (e instanceof NotFound notFound) {
            return Optional.of(notFound(notFound));
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return Optional.of(notFound(notFound));
        }
        if (e instanceof ConflictingModificationException stale) {
            return Optional.of(staleVersion(stale));
        }
        if (e instanceof ConcurrencyException || e instanceof DuplicateKeyException) {
            return Optional.of(concurrentChange(e));
        }
        if (e instanceof AxonException) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BusinessRuleViolation || cause instanceof AggregateNotFoundException) {
                    return refusalOf((RuntimeException) cause);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return invalid(e.getBindingResult().getFieldErrors().stream().map(ConstraintRules::violationOf).toList());
    }

    /** A query parameter or path variable broke its constraint (@PlainText on a filter, say). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        return invalid(ConstraintRules.violationsOf(e));
    }

    /** A path variable or query parameter that is not of its type: a lineId that is not a UUID, page=abc. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        String detail = "'" + field + "' must be a " + (type.equals("UUID") ? "UUID" : type.toLowerCase());
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request could not be read", detail, List.of(new FieldViolation(field, "type", detail))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return invalid(List.of(new FieldViolation(e.getParameterName(), "required",
                e.getParameterName() + " is required")));
    }

    private static ResponseEntity<Object> invalid(List<FieldViolation> violations) {
        ProblemDetail body = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "The request breaks input rules",
                violations.isEmpty() ? "The request is not valid" : violations.get(0).message()
                        + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""), violations);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = fieldOf(e);
        boolean unknown = e.getCause() instanceof UnrecognizedPropertyException;
        String rule = unknown ? "unknown-field" : "type";
        String detail = field == null
                ? "The body is not valid JSON for this request"
                : unknown ? "Field '" + field + "' is unknown here; see the OpenAPI document for the fields this "
                        + "request takes"
                : "Field '" + field + "' has a value of the wrong type or format (numbers as JSON numbers, text and "
                        + "dates as JSON strings, dates as yyyy-MM-dd)";
        List<FieldViolation> violations = field == null ? List.of()
                : List.of(new FieldViolation(field, rule, detail));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request could not be read", detail, violations));
    }

    private static String fieldOf(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference ref : databind.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? null : path.toString();
        }
        return null;
    }

    static ProblemDetail problem(HttpStatus status, String rule, String title, String detail,
                                 List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + rule));
        problem.setTitle(title);
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        return problem;
    }
}
