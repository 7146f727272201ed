package io.invoicesync.query.finance;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.kernel.rules.Refusal;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/**
 * G11: a Finance write met a row under its key that is not a repeat of its own ({@link ProvenRepeat}). Never skipped:
 * the async batch fails for its invoice only (set aside as a SYSTEM error, retryable), a real-time sync is refused
 * (409) and the invoice waits for a job. The message names the table, the key and the invoice that holds it.
 */
public class FinanceKeyTaken extends BusinessRuleViolation {

    /** finance_key_taken's own SQLSTATE (migration V9). */
    static final String SQL_STATE = "IS409";

    FinanceKeyTaken(String message) {
        super("finance-key-held-by-one-invoice", "invoiceId", message, Refusal.STATE_CONFLICT);
    }

    /**
     * The conflict a failed write carries somewhere in its causes, if that is what failed it, in the server's own words
     * (a batch's exception leads with the whole statement; the server's message follows as its next exception).
     */
    static Optional<FinanceKeyTaken> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                        return Optional.of(new FinanceKeyTaken(psql.getServerErrorMessage().getMessage()));
                    }
                }
                return Optional.of(new FinanceKeyTaken(sql.getMessage()));
            }
        }
        return Optional.empty();
    }
}
