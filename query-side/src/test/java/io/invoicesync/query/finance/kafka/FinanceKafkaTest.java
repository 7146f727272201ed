package io.invoicesync.query.finance.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finance rows on a real Kafka broker (KRaft, Kafka's own test kit, in this JVM) through the outbox: a few small
 * invoices, then a 20,000-line invoice and fifty small ones. A read_committed consumer of the topic
 * sees every Finance row exactly once, each invoice's maps in order, with the job, run, batch and source event.
 */
@QuerySideTest
// A world of its own, on few connections: the JVM shares one PostgreSQL among every test database.
@TestPropertySource(properties = {"invoicesync.database.embedded.database=" + FinanceKafkaTest.DATABASE,
        "invoicesync.database.maximum-pool-size=4"})
class FinanceKafkaTest {

    static final String DATABASE = "kafka_relay";
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final List<String> MAP_ORDER = List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KafkaClusterTestKit broker = startBroker();

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;

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
                JsonNode relay = query.send(Api.ADMIN, "GET", "/actuator/health", null).body()
                        .path("components").path("kafkaRelay");
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
        long expected = 0;
        for (UUID invoice : invoices) {
            expected += rowsInFinance(invoice);
        }

        Map<UUID, List<JsonNode>> byInvoice = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("invoicesync.finance.rows"));
            long received = 0;
            while (received < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode change = JSON.readTree(record.value());
                    UUID invoice = UUID.fromString(change.path("invoiceId").asString());
                    assertThat(record.key()).as("keyed by invoice").isEqualTo(invoice.toString());
                    assertThat(header(record, "invoicesync-cursor")).isEqualTo(change.path("cursor").asString());
                    assertThat(header(record, "invoicesync-source-event")).isNotBlank();
                    assertThat(header(record, "invoicesync-job")).isNotBlank();
                    assertThat(header(record, "invoicesync-batch")).isNotBlank();
                    if (!seen.add(change.path("kind").asString() + ":" + change.path("rowId").asString())) {
                        duplicates.add(change.path("cursor").asString());
                    }
                    byInvoice.computeIfAbsent(invoice, i -> new ArrayList<>()).add(change);
                    received++;
                }
            }
            // Nothing more after the last expected one: each row once, none twice.
            consumer.poll(Duration.ofSeconds(3)).forEach(record -> duplicates.add(record.value()));
        }
        assertThat(duplicates).as("published twice").isEmpty();
        for (UUID invoice : invoices) {
            List<JsonNode> rows = byInvoice.getOrDefault(invoice, List.of());
            assertThat(rows).as("every row of " + invoice).hasSize((int) rowsInFinance(invoice));
            assertThat(rows.get(0).path("kind").asString()).isEqualTo("PROPOSAL");
            assertThat(rows.stream().map(r -> MAP_ORDER.indexOf(r.path("tableMap").asString())).toList())
                    .as("maps in order").isSorted();
        }
        System.out.printf("FinanceKafkaTest: %d Finance rows of %d invoices published once each%n", expected,
                invoices.size());
    }

    private long rowsInFinance(UUID invoice) {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM finance_invoice_proposal WHERE invoice_proposal_id = ?)
                     + (SELECT count(*) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?)
                     + (SELECT count(*) FROM finance_actual WHERE invoice_proposal_id = ?)
                     + (SELECT count(*) FROM finance_transaction_connection WHERE invoice_proposal_id = ?)""",
                Long.class, invoice, invoice, invoice, invoice);
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "finance-kafka-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
