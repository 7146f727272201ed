package io.invoicesync.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.platform.database.DatabaseProperties;
import io.invoicesync.platform.database.EmbeddedPostgresServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append lock is taken at commit (migration db/axon/V2), not at the insert: a transaction that appended and is
 * still busy holds no other appender back, yet the indexes still become visible in commit order, a transaction's
 * events in the order it appended them, and no provisional (negative) index is ever seen.
 */
class AppendLockAtCommitTest {

    private static DriverManagerDataSource dataSource;
    private static CommitOrderedEventStorageEngine engine;
    private static TransactionTemplate transaction;
    private static JdbcTemplate jdbc;
    private static final ExecutorService writers = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void database() {
        dataSource = new DriverManagerDataSource(
                EmbeddedPostgresServer.jdbcUrl(new DatabaseProperties.Embedded(0, "", "append_lock", null, null)));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        engine = new CommitOrderedEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(new AxonStoreSchemas().eventSchema()), true);
        transaction = new TransactionTemplate(transactions);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stop() {
        writers.shutdownNow();
    }

    @Test
    void anOpenTransactionThatAppendedHoldsNoOtherAppenderBackAndCommitsAfterIt() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> slow = writers.submit(() -> transaction.executeWithoutResult(status -> {
            engine.appendEvents(GenericEventMessage.asEventMessage("slow 1"), GenericEventMessage.asEventMessage("slow 2"),
                    GenericEventMessage.asEventMessage("slow 3"));
            appended.countDown();
            await(release);
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        // With the lock taken at the insert, this append waited for the slow transaction to end.
        Future<?> quick = writers.submit(() -> transaction.executeWithoutResult(status ->
                engine.appendEvents(GenericEventMessage.asEventMessage("quick"))));
        quick.get(10, TimeUnit.SECONDS);
        assertThat(payloadsInIndexOrder()).as("visible while the slow one is open").containsExactly("quick");

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        // The slow transaction's events take indexes at its commit: after the quick one, in their own order.
        assertThat(payloadsInIndexOrder()).containsExactly("quick", "slow 1", "slow 2", "slow 3");
        assertThat(jdbc.queryForObject("SELECT min(global_index) FROM domain_event_entry", Long.class))
                .as("no provisional index is left").isPositive();
    }

    private static List<String> payloadsInIndexOrder() {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry ORDER BY global_index",
                String.class).stream().map(json -> json.replace("\"", "")).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
