package io.invoicesync.platform.web;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure, anywhere in its chain of causes, is the database being away: a connection that could not be had
 * or was lost (SQLSTATE class 08, a socket reset, the pool's time-out), or the server shutting down or starting (57P01,
 * 57P02, 57P03). Such a failure is a {@code 503} with {@code Retry-After}, never a defect: it reaches the API wrapped in
 * whatever was running when the connection went (an event store append reported by Axon as an
 * {@code EventStoreException}, a rollback that failed as a {@code TransactionSystemException}), so the wrapper says
 * nothing and the chain says everything.
 */
public final class DatabaseAway {

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseAway() {
    }

    public static boolean causes(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        return causes(failure, seen);
    }

    private static boolean causes(Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (isAway(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null
                    && causes(sql.getNextException(), seen)) {
                return true;
            }
            if (t instanceof TransactionSystemException ended && ended.getApplicationException() != null
                    && causes(ended.getApplicationException(), seen)) {
                // A rollback that failed after the work it rolled back had failed: what failed first says why.
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (causes(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAway(Throwable t) {
        if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                || t instanceof TransientDataAccessException || t instanceof SocketException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
        }
        // HikariCP's proxy of a connection it closed after the connection broke says only this, without a state.
        return t instanceof SQLException closed && HIKARI_CLOSED_CONNECTION.equals(closed.getMessage());
    }
}
