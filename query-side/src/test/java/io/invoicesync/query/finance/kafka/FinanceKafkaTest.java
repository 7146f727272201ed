package io.invoicesync.query.finance.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.finance.changes.ChangeCursor;
import io.invoicesync.query.finance.changes.FinanceChanges;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.ExportedMetrics;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.FinanceTopic;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Finance rows on a real Kafka broker (KRaft, Kafka's own test kit, in this JVM) through the outbox: a few small
 * invoices, then a 20,000-line invoice and fifty small ones. A read_committed consumer of the topic
 * sees every Finance row exactly once, each invoice's maps in order, with the job, run, batch and source event.
 */
@QuerySideTest
// A world of its own, on few connections: the JVM shares one PostgreSQL among every test database.
@TestPropertySource(properties = {"invoicesync.database.embedded.database=" + FinanceKafkaTest.DATABASE,
        "invoicesync.database.maximum-pool-size=4"})
// Closed after the class, not kept for the rest of the suite: its relay would go on calling a broker that is gone.
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FinanceKafkaTest {

    static final String DATABASE = "kafka_relay";
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final KafkaClusterTestKit broker = startBroker();

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    FinanceChanges changes;
    @Autowired
    KafkaProperties settings;
    @Autowired
    FinanceRelay appRelay;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("invoicesync.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** One KRaft node (broker and controller), transactions on one replica. */
    private static KafkaClusterTestKit startBroker() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the Kafka broker", e);
        }
    }

    @Test
    @Order(1)
    void everyFinanceRowIsPublishedOnceInMapOrderPerInvoice() throws Exception {
        Api command = new Api(CommandSide.port(DATABASE, queryPort, "--invoicesync.database.maximum-pool-size=4"));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        List<UUID> invoices = new ArrayList<>();
        try (AsyncJob job = AsyncJob.run(command)) {
            // A few invoices first; then the relay is checked up, its lag drained.
            for (int i = 0; i < 5; i++) {
                invoices.add(Proformas.confirmed(command, "CUST-KAFKA", 2 + i).invoiceId());
            }
            await().atMost(TIMEOUT).untilAsserted(() -> {
                JsonNode relay = relay(query);
                assertThat(relay.path("status").asString()).isEqualTo("UP");
                assertThat(relay.path("details").path("relaying").asBoolean()).isTrue();
            });

            // Then month end, the broker up: one large invoice and fifty small ones.
            invoices.add(Proformas.confirmed(command, "CUST-KAFKA-LARGE", 20_000).invoiceId());
            for (int i = 0; i < 50; i++) {
                invoices.add(Proformas.confirmed(command, "CUST-KAFKA", 1 + i % 4).invoiceId());
            }
            for (UUID invoice : invoices) {
                await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
            }
        }
        long expected = invoices.stream().mapToLong(finance::rows).sum();

        FinanceTopic topic = FinanceTopic.readAll(broker.bootstrapServers(), expected, TIMEOUT);

        topic.assertEveryRowOnceInMapOrder(invoices, finance);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(relay(query).path("details").path("lagChanges")
                .asLong()).isZero());
        System.out.printf("FinanceKafkaTest: %d Finance rows of %d invoices published once each%n", expected,
                invoices.size());
    }

    /**
     * The relay's alerts and dashboard panels (shipped in ops/ for where the relay is on) name only metrics and labels
     * a relaying query side exports.
     */
    @Test
    @Order(2)
    void theRelaysAlertsAndPanelsNameOnlyWhatARelayingQuerySideExports() throws Exception {
        Api query = new Api(queryPort);
        await().atMost(TIMEOUT).until(() -> relay(query).path("details").path("relaying").asBoolean());
        ExportedMetrics exported = ExportedMetrics.scrape(query);
        List<String> alerts = ExportedMetrics.alertExpressions(Path.of("../ops/prometheus/invoicesync-kafka-alerts.yml"));
        assertThat(alerts).as("alerts").hasSize(3);
        List<String> panels = ExportedMetrics.panelExpressions(Path.of("../ops/grafana/invoicesync-dashboard.json"))
                .stream().filter(expression -> expression.contains("invoicesync_kafka_")).toList();
        assertThat(panels).as("the relay's panels' queries").hasSize(3);
        Stream.concat(alerts.stream(), panels.stream()).forEach(exported::assertNamesOnlyExported);
    }

    private static JsonNode relay(Api query) {
        return query.send(Api.ADMIN, "GET", "/actuator/health", null).body().path("components").path("kafkaRelay");
    }

    /**
     * A relay never goes back behind a commit Kafka acknowledged. A broker stopped while it wrote a batch's commit
     * markers leaves a read_committed reader of the position topic an older position than the one the relay recorded
     * once Kafka acknowledged that commit; here the topic is made to hold such an older position (the start), and a
     * relay started again resumes after the acknowledged one: nothing is published twice. (Runs last: it stops the
     * app's relay, and its invoice's rows would count in the first test's reading of the whole topic.)
     */
    @Test
    @Order(3)
    void aRelayStartedAgainResumesAfterWhatKafkaAcknowledgedNeverBehindIt() throws Exception {
        Api command = new Api(CommandSide.port(DATABASE, queryPort, "--invoicesync.database.maximum-pool-size=4"));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        try (AsyncJob job = AsyncJob.run(command)) {
            UUID invoice = Proformas.confirmed(command, "CUST-KAFKA-AGAIN", 3).invoiceId();
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(relay(query).path("details").path("lagChanges")
                .asLong()).isZero());
        ChangeCursor acknowledged = changes.readerPosition(FinanceRelay.READER).orElseThrow();
        appRelay.destroy();
        long published = FinanceTopic.count(broker.bootstrapServers());
        assertThat(published).isPositive();

        try (KafkaProducer<String, String> older = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "a-position-left-behind",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            older.initTransactions();
            older.beginTransaction();
            older.send(new ProducerRecord<>(settings.positionTopic(), 0, FinanceRelay.POSITION_KEY,
                    ChangeCursor.START.toString()));
            older.commitTransaction();
        }
        FinanceRelay again = new FinanceRelay(settings, changes, dataSource, new SimpleMeterRegistry());
        try {
            again.start();
            // lastSuccess is set once the relay has read where to resume from, and Kafka answered.
            await().atMost(TIMEOUT).until(() -> again.state().relaying() && again.state().lastSuccess() != null);
            assertThat(again.state().position()).as("resumed after what Kafka acknowledged").isEqualTo(acknowledged);
            Thread.sleep(3_000);
            assertThat(FinanceTopic.count(broker.bootstrapServers())).as("records on the topic").isEqualTo(published);
        } finally {
            again.destroy();
        }
    }
}
