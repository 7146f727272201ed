package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.FinanceTopic;
import io.invoicesync.query.support.KafkaBroker;
import io.invoicesync.query.support.Proformas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Finance rows on Kafka through trouble, with every part a real process. The Kafka broker (its own JVM, KRaft) is
 * stopped while the relay is idle (it says DOWN all the same) and started again; then stopped while fifty small
 * invoices are being published, kept down while a 20,000-line invoice syncs into Finance, and started again in the
 * middle of that sync; then the relay's JVM (the query side) is killed with SIGKILL while it has rows to publish,
 * three times, at random moments (seeded: set -Dkafka.seed=N to replay a failure), and started again. Meanwhile the
 * relay says it is down and its lag grows. At the end a consumer of the topic has every Finance row exactly once,
 * each invoice's maps in order.
 */
@Tag("reliability")
class KafkaOutageTest {

    private static final String DATABASE = "kafka_outage";
    private static final int KILLS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void everyFinanceRowOnceThroughABrokerOutageAndThreeKilledRelays() throws Exception {
        Random random = Chaos.seeded("kafka.seed", KafkaOutageTest.class);
        String url = Chaos.database(DATABASE);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        FinanceChecks finance = new FinanceChecks(jdbc);
        try (KafkaBroker broker = KafkaBroker.start()) {
            // Small Kafka transactions, so that a kill lands in the middle of one more often than not.
            AppProcess querySide = AppProcess.querySide(url, "--axon.eventhandling.tokenstore.claim-timeout=2s",
                    "--invoicesync.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--invoicesync.kafka.batch-size=100");
            querySide.start();
            try {
                Api command = new Api(CommandSide.port(DATABASE, querySide.port()));
                Api query = new Api(querySide.port());
                List<UUID> invoices = new ArrayList<>();
                // Idle, with nothing to publish, the relay still notices the broker go (it asks Kafka every 5 s), so
                // the health and the alert say so before rows wait, not after.
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                    JsonNode relay = relay(query);
                    assertThat(relay.path("status").asString()).as(relay.toString()).isEqualTo("UP");
                    assertThat(relay.path("details").path("relaying").asBoolean()).isTrue();
                });
                broker.stop();
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(relay(query).path("status")
                        .asString()).as("an idle relay sees the broker gone").isEqualTo("DOWN"));
                broker.startAgain();
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(relay(query).path("status").asString()).isEqualTo("UP"));
                try (AsyncJob job = AsyncJob.run(command)) {
                    for (int i = 0; i < 50; i++) {
                        invoices.add(Proformas.confirmed(command, "CUST-KAFKA", 1 + i % 4).invoiceId());
                    }
                    // The broker stops once some rows are on Kafka, with small invoices still to publish.
                    await().atMost(TIMEOUT).until(() -> jdbc.queryForObject("SELECT count(*) FROM "
                            + "finance_change_reader WHERE reader = 'kafka'", Long.class) > 0);
                    broker.stop();
                    System.out.printf("Broker stopped with %d rows waiting%n", lag(query));
                    await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                        JsonNode relay = relay(query);
                        assertThat(relay.path("status").asString()).as(relay.toString()).isEqualTo("DOWN");
                        assertThat(relay.path("details").path("failure").asString()).isNotBlank();
                    });
                    long lagWhenDown = lag(query);
                    // Month end goes on: the large invoice syncs into Finance as before, its rows wait in the outbox.
                    invoices.add(Proformas.confirmed(command, "CUST-KAFKA-LARGE", 20_000).invoiceId());
                    await().atMost(TIMEOUT).untilAsserted(() -> {
                        JsonNode relay = relay(query);
                        assertThat(relay.path("details").path("lagChanges").asLong()).as(relay.toString())
                                .isGreaterThan(lagWhenDown);
                    });
                    // Started again at a random point of the large invoice's sync (of its 60 batches).
                    int restartAt = 5 + random.nextInt(40);
                    await().atMost(TIMEOUT).until(() -> finance.batches(invoices.get(invoices.size() - 1)) >= restartAt);
                    assertThat(relay(query).path("status").asString()).as("down while the broker is").isEqualTo("DOWN");
                    System.out.printf("Broker started again with %d rows waiting, the large invoice at %d of 60 "
                            + "batches%n", lag(query), finance.batches(invoices.get(invoices.size() - 1)));
                    broker.startAgain();
                    await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                            assertThat(relay(query).path("status").asString()).isEqualTo("UP"));

                    for (int kill = 1; kill <= KILLS; kill++) {
                        // Month end goes on; a kill falls while the relay has rows to publish, among its batches.
                        invoices.add(Proformas.confirmed(command, "CUST-KAFKA-KILL", 3_000).invoiceId());
                        await().atMost(TIMEOUT).until(() -> lag(query) > 0);
                        long after = 200 + random.nextInt(1_500);
                        Thread.sleep(after);
                        long lag = lag(query);
                        querySide.kill();
                        System.out.printf("Relay kill -9 #%d after %d ms, %d rows not yet on Kafka%n", kill, after,
                                lag);
                        querySide.start();
                    }
                    for (UUID invoice : invoices) {
                        await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
                    }
                }
                long expected = invoices.stream().mapToLong(finance::rows).sum();
                await().atMost(TIMEOUT).until(() -> lag(query) == 0);

                FinanceTopic topic = FinanceTopic.readAll(broker.bootstrapServers(), expected, TIMEOUT);

                topic.assertEveryRowOnceInMapOrder(invoices, finance);
                assertThat(topic.received()).isEqualTo(expected);
                System.out.printf("KafkaOutageTest: %d Finance rows of %d invoices on Kafka once each%n", expected,
                        invoices.size());
            } finally {
                querySide.kill();
            }
        }
    }

    /**
     * The broker stopped (SIGTERM, as an operator stops it) again and again while the relay commits: five times, each
     * at a seeded moment while a 5,000-line invoice's 20,000 rows go out in Kafka transactions of 100 rows, so that a
     * stop lands in the middle of a transaction or of its commit markers; started again each time. The relay fences
     * whatever was left open and resumes after the greatest position Kafka acknowledged, never behind it: a
     * {@code read_committed} consumer reads every Finance row exactly once, each invoice's maps in order.
     */
    @Test
    void everyFinanceRowOnceWhenTheBrokerIsStoppedAgainAndAgainWhileTheRelayCommits() throws Exception {
        Random random = Chaos.seeded("kafka.stops.seed", KafkaOutageTest.class);
        String url = Chaos.database(DATABASE + "_stops");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        FinanceChecks finance = new FinanceChecks(jdbc);
        try (KafkaBroker broker = KafkaBroker.start()) {
            AppProcess querySide = AppProcess.querySide(url, "--axon.eventhandling.tokenstore.claim-timeout=2s",
                    "--invoicesync.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--invoicesync.kafka.batch-size=100");
            querySide.start();
            try {
                Api command = new Api(CommandSide.port(DATABASE + "_stops", querySide.port()));
                Api query = new Api(querySide.port());
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                        assertThat(relay(query).path("status").asString()).isEqualTo("UP"));
                List<UUID> invoices = new ArrayList<>();
                String stoppedAt = position(query);
                try (AsyncJob job = AsyncJob.run(command)) {
                    for (int stop = 1; stop <= 5; stop++) {
                        invoices.add(Proformas.confirmed(command, "CUST-KAFKA-STOP", 5_000).invoiceId());
                        // The stop falls among the relay's commits: it publishes (past where it last stood).
                        String before = stoppedAt;
                        await().atMost(TIMEOUT).until(() -> lag(query) > 0 && !position(query).equals(before));
                        long after = random.nextInt(1_000);
                        Thread.sleep(after);
                        long lag = lag(query);
                        String position = position(query);
                        stoppedAt = position;
                        broker.stop();
                        System.out.printf("Broker stop #%d after %d ms at %s, %d rows not yet on Kafka%n", stop, after,
                                position, lag);
                        broker.startAgain();
                        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                                assertThat(relay(query).path("status").asString()).isEqualTo("UP"));
                    }
                    for (UUID invoice : invoices) {
                        await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
                    }
                }
                long expected = invoices.stream().mapToLong(finance::rows).sum();
                await().atMost(TIMEOUT).until(() -> lag(query) == 0);

                FinanceTopic topic = FinanceTopic.readAll(broker.bootstrapServers(), expected, TIMEOUT);

                topic.assertEveryRowOnceInMapOrder(invoices, finance);
                assertThat(topic.received()).isEqualTo(expected);
                System.out.printf("KafkaOutageTest: %d Finance rows of %d invoices on Kafka once each through five "
                        + "broker stops%n", expected, invoices.size());
            } finally {
                querySide.kill();
            }
        }
    }

    private static JsonNode relay(Api query) {
        return query.send(Api.ADMIN, "GET", "/actuator/health", null).body().path("components").path("kafkaRelay");
    }

    private static String position(Api query) {
        return relay(query).path("details").path("position").asString();
    }

    private static long lag(Api query) {
        return relay(query).path("details").path("lagChanges").asLong();
    }
}
