package io.invoicesync.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.platform.database.DatabaseProperties;
import io.invoicesync.platform.database.EmbeddedPostgresServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event store alone, read the way a streaming processor reads it, while one transaction commits its event long
 * after the gap timeout (here 500 ms, cleaned as soon as two gaps are open) and other writers go on meanwhile. Axon
 * drops a gap once the event after it is older than the timeout and a newer event is read; the late event then
 * lies behind the reader's token, outside its gaps. With appends in commit order every committed event is read; with
 * Axon's plain appends the late one is skipped for ever.
 */
@Tag("reliability")
class CommitOrderedAppendsTest {

    private static final int GAP_TIMEOUT_MS = 500;
    private static DriverManagerDataSource dataSource;
    private static DataSourceTransactionManager transactions;

    @BeforeAll
    static void database() {
        dataSource = new DriverManagerDataSource(
                EmbeddedPostgresServer.jdbcUrl(new DatabaseProperties.Embedded(0, "", "commit_order", null, null)));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @Test
    void withAppendsInCommitOrderTheLateEventIsRead() throws Exception {
        assertThat(lateCommit(true)).containsExactlyInAnyOrder("before", "late", "after", "after the rollback", "last");
    }

    @Test
    void withAxonsPlainAppendsTheLateEventIsSkipped() throws Exception {
        assertThat(lateCommit(false)).containsExactlyInAnyOrder("before", "after", "after the rollback", "last");
    }

    /** Returns the payloads a tailing reader saw. */
    private List<String> lateCommit(boolean commitOrdered) throws Exception {
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        CommitOrderedEventStorageEngine engine = new CommitOrderedEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(new AxonStoreSchemas().eventSchema())
                .gapTimeout(GAP_TIMEOUT_MS)
                .gapCleaningThreshold(1), commitOrdered);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        Reader reader = new Reader(engine, tail(engine));
        try {
            append(engine, transaction, "before");
            CountDownLatch appended = new CountDownLatch(1);
            Future<?> late = writers.submit(() -> transaction.executeWithoutResult(status -> {
                engine.appendEvents(GenericEventMessage.asEventMessage("late"));
                appended.countDown();
                sleep(6 * GAP_TIMEOUT_MS);
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> others = writers.submit(() -> {
                append(engine, transaction, "after");
                transaction.executeWithoutResult(status -> {
                    engine.appendEvents(GenericEventMessage.asEventMessage("rolled back"));
                    status.setRollbackOnly();
                });
                append(engine, transaction, "after the rollback");
                // Writers go on past the gap timeout while the late transaction is still open.
                sleep(3 * GAP_TIMEOUT_MS);
                append(engine, transaction, "last");
            });
            long until = System.currentTimeMillis() + 10L * GAP_TIMEOUT_MS;
            while (System.currentTimeMillis() < until) {
                reader.poll();
                Thread.sleep(50);
            }
            late.get(30, TimeUnit.SECONDS);
            others.get(30, TimeUnit.SECONDS);
            reader.poll();
            return reader.seen;
        } finally {
            writers.shutdownNow();
        }
    }

    private static TrackingToken tail(CommitOrderedEventStorageEngine engine) {
        return engine.createHeadToken();
    }

    private static void append(CommitOrderedEventStorageEngine engine, TransactionTemplate transaction, String payload) {
        transaction.executeWithoutResult(status -> engine.appendEvents(GenericEventMessage.asEventMessage(payload)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A streaming processor's view: from its last token, every event after it, the token kept as events come. */
    private static final class Reader {

        private final CommitOrderedEventStorageEngine engine;
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        private TrackingToken token;

        Reader(CommitOrderedEventStorageEngine engine, TrackingToken from) {
            this.engine = engine;
            this.token = from;
        }

        void poll() {
            engine.readEvents(token, false).forEach(event -> {
                TrackedEventMessage<?> tracked = (TrackedEventMessage<?>) event;
                seen.add((String) tracked.getPayload());
                token = tracked.trackingToken();
            });
        }
    }
}
