package io.invoicesync.platform.axon;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises a duplicate key on an event append as what it is, two writers of one aggregate of which one won, so the
 * store raises Axon's {@code ConcurrencyException} (a command decided again, or a 409) rather than an
 * {@code EventStoreException} (a 500). PostgreSQL says so with SQL state 23505; appended in a batch, the driver wraps
 * it in a {@link BatchUpdateException} whose next exception (or cause) carries it, which Axon's default resolver,
 * going by vendor error codes, does not see.
 */
public final class DuplicateAppendResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
