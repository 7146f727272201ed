package io.invoicesync.command.idempotency;

import io.invoicesync.kernel.rules.BusinessRule;
import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.platform.web.DatabaseAway;
import io.invoicesync.platform.web.FieldViolation;
import io.invoicesync.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes sent with an {@code Idempotency-Key} header (the IETF HTTP API draft of that name) are carried out once per
 * user and key: the first request claims the key and its answer is stored; the same request sent again (same method,
 * path and body) gets that answer back, marked {@code Idempotent-Replayed: true}, and nothing is done again. The key
 * sent with another request is refused 422; sent while its first request still runs, 409. An answer of 5xx (the
 * database away, a defect) is not an outcome: the key is freed and the request sent again is carried out again.
 * Without the header nothing changes.
 *
 * <p>The answer is stored after the request's own transactions committed, not in them (a confirm commits a chunk at
 * a time, and calls real-time sync after its last commit). If the database goes away in between, the answer the client
 * gets is still the true one, and the request sent again is carried out again and answers the state it finds. A
 * confirm finds its own confirmation there: the event that completed it names the key ({@link #REQUEST_KEY}).
 */
@Component
public class IdempotentWrites extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /**
     * The request attribute, and the event metadata entry, naming the user's key (a digest of user and key) while its
     * request is carried out: what a request commits under its key says so, so that the request sent again after a
     * commit in doubt can tell its own work from another's.
     */
    public static final String REQUEST_KEY = "idempotencyKey";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_KEY_LENGTH = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotentWrites.class);

    private final IdempotencyKeys keys;
    private final ProblemWriter problems;

    IdempotentWrites(IdempotencyKeys keys, ProblemWriter problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!key.matches("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}")) {
            String detail = HEADER + " must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (a UUID, say)";
            problems.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request",
                    "The request breaks input rules", detail, List.of(new FieldViolation(HEADER, "idempotency-key",
                            detail)));
            return;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String principal = user == null ? "" : user.getName();
        byte[] body = request.getInputStream().readAllBytes();
        String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        UUID attempt = UUID.randomUUID();
        byte[] fingerprint = fingerprint(request.getMethod(), target, body);
        IdempotencyKeys.Claim claim;
        try {
            claim = keys.claim(principal, key, fingerprint, attempt);
        } catch (DataAccessException failed) {
            if (!DatabaseAway.causes(failed)) {
                throw failed;
            }
            // The claim may have been written as the connection went: this attempt's claim, if any, is freed.
            keys.abandoned(principal, key, attempt);
            problems.writeDatabaseUnavailable(response);
            return;
        }
        if (claim instanceof IdempotencyKeys.Replay replay) {
            replay(replay.answer(), response);
        } else if (claim instanceof IdempotencyKeys.InFlight) {
            refuse(new IdempotencyKeyIsNotInFlight(key, true, keys.runningLease()), response);
        } else if (claim instanceof IdempotencyKeys.OtherRequest) {
            refuse(new IdempotencyKeyNamesOneRequest(key, false), response);
        } else {
            request.setAttribute(REQUEST_KEY, requestKey(principal, key, fingerprint));
            carryOut(principal, key, attempt, new RepeatableBody(request, body), response, chain);
        }
    }

    private void carryOut(String principal, String key, UUID attempt, HttpServletRequest request,
                          HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } catch (IOException | ServletException | RuntimeException failed) {
            keys.abandoned(principal, key, attempt);
            throw failed;
        }
        if (answer.getStatus() >= 500) {
            keys.abandoned(principal, key, attempt);
        } else {
            try {
                keys.completed(principal, key, attempt, new IdempotencyKeys.StoredAnswer(answer.getStatus(),
                        answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                        answer.getHeader(HttpHeaders.ETAG), answer.getContentAsByteArray()));
            } catch (DataAccessException storeFailed) {
                // The answer is true and goes out; only its copy is lost. The key stays claimed until the lease
                // ends, then the same request is carried out again and answers the state it finds.
                log.warn("The answer to {} {} with {} {} could not be stored: {}", request.getMethod(),
                        request.getRequestURI(), HEADER, key, storeFailed.getMessage());
            }
        }
        answer.copyBodyToResponse();
    }

    private static void replay(IdempotencyKeys.StoredAnswer stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        response.setHeader(REPLAYED, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private void refuse(BusinessRule rule, HttpServletResponse response) throws IOException {
        problems.write(response, new BusinessRuleViolation(rule));
    }

    /**
     * A user's key for one request (its method, path and body) as events carry it: a digest, so that no client's key is
     * kept in the event store as sent, and a key used again later for another request names another request.
     */
    static String requestKey(String principal, String key, byte[] fingerprint) {
        return HexFormat.of().formatHex(fingerprint(principal, key, fingerprint));
    }

    /**
     * The id a keyed request gives what it makes when the client chose none: the same each time the request is sent,
     * so that sent again after a commit in doubt it finds what it made instead of making it twice.
     */
    public static UUID idFor(String requestKey, String what) {
        return UUID.nameUUIDFromBytes((requestKey + "/" + what).getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the key names it: method, path with query, and body. */
    static byte[] fingerprint(String method, String target, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            return sha.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The request with its body read once, for the fingerprint, and given again to the API. */
    private static final class RepeatableBody extends HttpServletRequestWrapper {

        private final byte[] body;

        RepeatableBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
