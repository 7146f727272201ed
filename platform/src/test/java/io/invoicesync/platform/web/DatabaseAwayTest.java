package io.invoicesync.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.platform.axon.DuplicateAppendResolver;
import java.net.SocketException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The failures PostgreSQL's crash produced in requests that were running at that moment, as the driver, the pool,
 * Spring and Axon wrap them: each is the database away (503), none a defect (500), and a lost connection during an
 * append is not taken for two writers racing (a concurrency conflict).
 */
class DatabaseAwayTest {

    private final ProblemHandler problems = new ProblemHandler();

    @Test
    void aConnectionResetDuringAnEventAppendIsTheDatabaseAwayNotADuplicate() {
        PSQLException io = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketException("Connection reset"));
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry … was "
                + "aborted: An I/O error occurred while sending to the backend.", new int[0]);
        batch.setNextException(io);
        EventStoreException append = new EventStoreException("An event for aggregate [7b00…] at sequence [66] was "
                + "already inserted", batch);

        assertThat(new DuplicateAppendResolver().isDuplicateKeyViolation(append)).isFalse();
        assertThat(DatabaseAway.causes(append)).isTrue();
        assertUnavailable(problems.unexpectedOrDatabaseAway(append));
    }

    @Test
    void aRollbackThatFailedOnAClosedConnectionIsTheDatabaseAway() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST));

        assertThat(DatabaseAway.causes(rollback)).isTrue();
        assertUnavailable(problems.unexpectedOrDatabaseAway(rollback));

        // The pool's proxy of a connection that broke says so without a SQL state, also to Axon's statements.
        assertThat(DatabaseAway.causes(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseAway.causes(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void thePoolsTimeOutAndAServerShuttingDownAreTheDatabaseAway() {
        assertThat(DatabaseAway.causes(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("invoicesync - Connection is not available, request timed out "
                        + "after 3500ms")))).isTrue();
        assertThat(DatabaseAway.causes(new IllegalStateException("while appending",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseAway.causes(new RuntimeException(new SQLException("the database system is starting up",
                "57P03")))).isTrue();
    }

    @Test
    void aDuplicateKeyOrADefectIsNotTheDatabaseAway() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", new int[0]);
        batch.setNextException(new PSQLException("duplicate key value violates unique constraint",
                PSQLState.UNIQUE_VIOLATION));
        EventStoreException duplicate = new EventStoreException("An event … was already inserted", batch);
        assertThat(DatabaseAway.causes(duplicate)).isFalse();
        assertThat(new DuplicateAppendResolver().isDuplicateKeyViolation(duplicate)).isTrue();

        IllegalStateException defect = new IllegalStateException("a defect");
        RuntimeException loop = new RuntimeException("wraps itself");
        defect.initCause(loop);
        loop.initCause(new SQLException("syntax error", "42601"));
        assertThat(DatabaseAway.causes(defect)).isFalse();
        ResponseEntity<Object> answer = problems.unexpectedOrDatabaseAway(defect);
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) answer.getBody()).getType().toString()).endsWith("internal-error");
    }

    private static void assertUnavailable(ResponseEntity<Object> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(((ProblemDetail) answer.getBody()).getType().toString()).endsWith("database-unavailable");
    }
}
