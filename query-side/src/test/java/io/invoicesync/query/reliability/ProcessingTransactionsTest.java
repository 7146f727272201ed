package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.invoicesync.query.support.QuerySideTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * G2 rests on each batch's writes, saga state, published events and token sharing one database transaction. With
 * Boot 4, Axon's auto-configuration silently fell back to a no-op transaction manager; this pins the real one.
 */
@Tag("reliability")
@QuerySideTest
class ProcessingTransactionsTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void everyProcessingGroupRunsItsBatchesInASpringTransaction() {
        for (String group : new String[]{"sync-coordinator", "invoice-sync", "finance"}) {
            assertThat(((EventProcessingModule) processing).transactionManager(group)).as(group)
                    .isInstanceOf(SpringTransactionManager.class);
        }
    }

    /** A frozen node must not hold its locks (its token rows, the append lock) for ever: PostgreSQL ends its session. */
    @Test
    void postgresEndsASessionLeftIdleInATransaction() {
        assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class)).isEqualTo("1min");
        Throwable ended = catchThrowable(() ->
                new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    jdbc.execute("SET LOCAL idle_in_transaction_session_timeout = 200");
                    jdbc.queryForObject("SELECT 1", Integer.class);
                    sleep(1_000);
                    jdbc.queryForObject("SELECT 1", Integer.class);
                }));
        // The statement after the pause fails, and so does the rollback: the session is gone.
        Throwable failure = ended instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                ? rollback.getApplicationException() : ended;
        assertThat(failure).hasStackTraceContaining("idle-in-transaction");
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).as("the pool carries on with a new session").isOne();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
