package io.invoicesync.command.idempotency;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The only writer and reader of {@code idempotency_key}: a key claimed by its first request, the answer stored once it
 * has one, given back to the same request sent again. Each call is its own statement, outside the request's work:
 * the key is claimed before the request runs and its answer stored after it answered.
 */
@Component
public class IdempotencyKeys {

    /** Where a key stands. */
    enum State { RUNNING, COMPLETED }

    /** What a request with a key may do. */
    sealed interface Claim permits Claimed, Replay, InFlight, OtherRequest {
    }

    /** The key is this request's: carry it out, then store its answer. */
    record Claimed() implements Claim {
    }

    /** The same request answered before: give that answer back. */
    record Replay(StoredAnswer answer) implements Claim {
    }

    /** The same request is still running (or died less than the lease ago). */
    record InFlight() implements Claim {
    }

    /** The key was used for another request. */
    record OtherRequest() implements Claim {
    }

    /** An answer as it was sent: status, the headers that matter to a client, and the body. */
    public record StoredAnswer(int status, String contentType, String location, String etag, byte[] body) {
    }

    /** A user's key, as one attempt claimed it. */
    record KeyOf(String principal, String key, UUID attempt) {
    }

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties settings;
    /**
     * Keys of requests that answered 5xx while the database was away, so could not be freed then: freed as soon as it
     * is back (before the next claim on this node, and every few seconds), not only when their lease ends.
     */
    private final Set<KeyOf> toFree = ConcurrentHashMap.newKeySet();

    IdempotencyKeys(JdbcTemplate jdbc, IdempotencyProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /**
     * Claims the key for one attempt, named by {@code attempt}: only that attempt stores its answer or frees it, so an
     * attempt that fails can never free a key another attempt holds.
     */
    Claim claim(String principal, String key, byte[] fingerprint, UUID attempt) {
        // This key's own abandoned attempts are freed first, or the claim fails (a 503 the client sends again): it
        // must never be answered "still running" by an attempt of its own that this node knows answered 5xx. Others
        // are freed as far as the database lets.
        freeAbandoned(principal, key);
        freeAbandoned();
        // An expired key is free again.
        jdbc.update("DELETE FROM idempotency_key WHERE principal = ? AND idempotency_key = ? AND expires_at < now()",
                principal, key);
        int claimed = jdbc.update("""
                INSERT INTO idempotency_key (principal, idempotency_key, fingerprint, state, claimed_by, started_at,
                    expires_at)
                VALUES (?, ?, ?, ?, ?, now(), now() + ? * interval '1 second')
                ON CONFLICT (principal, idempotency_key) DO NOTHING""", principal, key, fingerprint,
                State.RUNNING.name(), attempt, settings.keysLiveFor().toSeconds());
        if (claimed == 1) {
            return new Claimed();
        }
        // A first request that held the key longer than the lease died before it could store its answer.
        int takenOver = jdbc.update("""
                UPDATE idempotency_key SET started_at = now(), claimed_by = ?
                WHERE principal = ? AND idempotency_key = ? AND state = ? AND fingerprint = ?
                  AND started_at < now() - ? * interval '1 second'""", attempt, principal, key,
                State.RUNNING.name(), fingerprint, settings.runningLease().toSeconds());
        if (takenOver == 1) {
            return new Claimed();
        }
        List<Claim> found = jdbc.query("""
                SELECT fingerprint, state, status, content_type, location, etag, body FROM idempotency_key
                WHERE principal = ? AND idempotency_key = ?""", (rs, n) -> {
            if (!Arrays.equals(rs.getBytes("fingerprint"), fingerprint)) {
                return new OtherRequest();
            }
            if (State.valueOf(rs.getString("state")) == State.RUNNING) {
                return new InFlight();
            }
            return new Replay(new StoredAnswer(rs.getInt("status"), rs.getString("content_type"),
                    rs.getString("location"), rs.getString("etag"), rs.getBytes("body")));
        }, principal, key);
        // Gone between the two statements (it expired, or its request was abandoned): the key is free.
        return found.isEmpty() ? claim(principal, key, fingerprint, attempt) : found.get(0);
    }

    /** The request answered: its answer is kept for the same request sent again. */
    void completed(String principal, String key, UUID attempt, StoredAnswer answer) {
        jdbc.update("""
                UPDATE idempotency_key SET state = ?, status = ?, content_type = ?, location = ?, etag = ?, body = ?,
                    completed_at = now()
                WHERE principal = ? AND idempotency_key = ? AND state = ? AND claimed_by = ?""",
                State.COMPLETED.name(), answer.status(), answer.contentType(), answer.location(), answer.etag(),
                answer.body(), principal, key, State.RUNNING.name(), attempt);
    }

    /**
     * The attempt had no outcome to keep (the database away, a defect: a 5xx), or its claim may have been written as
     * the connection went: the key is freed, if this attempt holds it, so the request sent again is carried out again.
     * With the database away the key is freed once it is back.
     */
    void abandoned(String principal, String key, UUID attempt) {
        toFree.add(new KeyOf(principal, key, attempt));
        freeAbandoned();
    }

    /** Frees the keys of abandoned requests; those the database cannot be reached for wait for the next call. */
    void freeAbandoned() {
        for (KeyOf abandoned : toFree) {
            try {
                free(abandoned);
            } catch (DataAccessException away) {
                // The next one would most likely wait on the same database: the rest wait for the next call.
                return;
            }
        }
    }

    /** Frees one key's abandoned attempts now, or throws why it cannot. */
    private void freeAbandoned(String principal, String key) {
        for (KeyOf abandoned : toFree) {
            if (abandoned.principal().equals(principal) && abandoned.key().equals(key)) {
                free(abandoned);
            }
        }
    }

    private void free(KeyOf abandoned) {
        jdbc.update("DELETE FROM idempotency_key WHERE principal = ? AND idempotency_key = ? AND state = ? "
                + "AND claimed_by = ?", abandoned.principal(), abandoned.key(), State.RUNNING.name(),
                abandoned.attempt());
        toFree.remove(abandoned);
    }

    /** Deletes every expired key; answers how many. */
    int prune() {
        return jdbc.update("DELETE FROM idempotency_key WHERE expires_at < now()");
    }

    Duration runningLease() {
        return settings.runningLease();
    }
}
