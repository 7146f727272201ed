package io.invoicesync.query.support;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Finance rows topic as a downstream system reads it: a {@code read_committed} consumer of its own group from
 * the earliest offset. What it received is checked against Finance itself: every row once, keyed by its invoice,
 * with its headers, each invoice's proposal first and its maps in order.
 */
public final class FinanceTopic {

    public static final String TOPIC = "invoicesync.finance.rows";
    private static final List<String> MAP_ORDER = List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<UUID, List<JsonNode>> byInvoice = new HashMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private long received;

    private FinanceTopic() {
    }

    /**
     * Reads until {@code expected} records came (or the time is up), then three seconds more: a record after the
     * expected ones is a row published twice.
     */
    public static FinanceTopic readAll(String bootstrapServers, long expected, Duration timeout) {
        FinanceTopic topic = new FinanceTopic();
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(TOPIC));
            while (topic.received < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode change = JSON.readTree(record.value());
                    UUID invoice = UUID.fromString(change.path("invoiceId").asString());
                    assertThat(record.key()).as("keyed by invoice").isEqualTo(invoice.toString());
                    assertThat(header(record, "invoicesync-cursor")).isEqualTo(change.path("cursor").asString());
                    assertThat(header(record, "invoicesync-source-event")).isNotBlank();
                    assertThat(header(record, "invoicesync-job")).isNotBlank();
                    assertThat(header(record, "invoicesync-batch")).isNotBlank();
                    if (!seen.add(change.path("kind").asString() + ":" + change.path("rowId").asString())) {
                        topic.duplicates.add(change.path("cursor").asString());
                    }
                    topic.byInvoice.computeIfAbsent(invoice, i -> new ArrayList<>()).add(change);
                    topic.received++;
                }
            }
            consumer.poll(Duration.ofSeconds(3)).forEach(record -> topic.duplicates.add(record.value()));
        }
        return topic;
    }

    /** How many records the topic holds for a read_committed reader, read to its end. */
    public static long count(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                count += consumer.poll(Duration.ofSeconds(1)).count();
            }
            return count;
        }
    }

    public long received() {
        return received;
    }

    /** Each invoice's rows on the topic are exactly its rows in Finance, once each, proposal first, maps in order. */
    public void assertEveryRowOnceInMapOrder(List<UUID> invoices, FinanceChecks finance) {
        assertThat(duplicates).as("published twice").isEmpty();
        for (UUID invoice : invoices) {
            List<JsonNode> rows = byInvoice.getOrDefault(invoice, List.of());
            assertThat(rows).as("every row of " + invoice).hasSize((int) finance.rows(invoice));
            assertThat(rows.get(0).path("kind").asString()).isEqualTo("PROPOSAL");
            assertThat(rows.stream().map(r -> MAP_ORDER.indexOf(r.path("tableMap").asString())).toList())
                    .as("maps in order").isSorted();
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "finance-topic-test-" + UUID.randomUUID());
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
