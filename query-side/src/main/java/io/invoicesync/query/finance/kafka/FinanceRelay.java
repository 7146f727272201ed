package io.invoicesync.query.finance.kafka;

import io.invoicesync.query.finance.changes.ChangeCursor;
import io.invoicesync.query.finance.changes.FinanceChanges;
import io.invoicesync.query.finance.changes.FinanceChanges.FinanceChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every Finance row to Kafka from Finance's change log, the transactional outbox the Finance tables' own
 * triggers write in the very transaction that writes the row (never a dual write). One relay runs at a time among the
 * query-side nodes (the holder of a PostgreSQL advisory lock; a dead node's lock goes with its connection).
 *
 * <p>Exactly once: each batch of changes is sent in one Kafka transaction together with its position (the last
 * change's cursor, on a compacted one-partition topic); a relay that starts, after a crash or on another node, reads
 * the position Kafka committed (or the later one it recorded in PostgreSQL once Kafka acknowledged a commit) and goes
 * on after it. Rows of a batch that did not commit are never seen by a
 * {@code read_committed} consumer, and are sent again. A broker outage only holds the rows in the outbox: the relay
 * retries with backoff, its lag ({@code invoicesync_kafka_relay_lag_changes}) grows and its health says DOWN, and it
 * catches up when the broker is back.
 */
public class FinanceRelay implements DisposableBean {

    /** The advisory lock that makes one query-side node the relay. */
    static final long RELAY_LOCK = 5291296833088480596L;
    static final String POSITION_KEY = "position";
    /**
     * The relay's name among the change log's readers: the log's pruning never passes what it has not published.
     */
    static final String READER = "kafka";
    private static final Duration IDLE = Duration.ofMillis(500);
    /** How often an idle relay asks Kafka whether it is there. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** How long a call waits for Kafka before the relay counts it down (and says so in its health). */
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(FinanceRelay.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProperties settings;
    private final FinanceChanges changes;
    private final DataSource dataSource;
    private final Counter published;
    private final AtomicReference<State> state = new AtomicReference<>(new State(false, null, null, null));
    private volatile boolean running = true;
    private Thread worker;

    /**
     * Where the relay stands: {@code relaying} while this node holds the relay; {@code position} the last change
     * Kafka committed; {@code lastSuccess} when a batch last went out or Kafka last answered an idle relay (it asks
     * every 5 s); {@code failure} the last error while Kafka does not answer, null once it does.
     */
    public record State(boolean relaying, ChangeCursor position, Instant lastSuccess, String failure) {
    }

    public FinanceRelay(KafkaProperties settings, FinanceChanges changes, DataSource dataSource,
                        MeterRegistry registry) {
        this.settings = settings;
        this.changes = changes;
        this.dataSource = dataSource;
        this.published = Counter.builder("invoicesync.kafka.relay.published")
                .description("Finance rows published to Kafka (committed)").register(registry);
        Gauge.builder("invoicesync.kafka.relay.lag.changes", this, FinanceRelay::lag)
                .description("Finance rows in the outbox not yet published to Kafka (on the relaying node)")
                .register(registry);
        Gauge.builder("invoicesync.kafka.relay.up", this, relay -> relay.healthy() ? 1 : 0)
                .description("1 while the relay publishes (or has nothing to), 0 while Kafka does not answer")
                .register(registry);
    }

    public State state() {
        return state.get();
    }

    /** Healthy: not relaying here (another node does), or relaying with Kafka answering. */
    public boolean healthy() {
        State s = state.get();
        return !s.relaying() || s.failure() == null;
    }

    /** Changes in the outbox after the position Kafka committed; 0 where this node does not relay. */
    public long lag() {
        State s = state.get();
        return s.relaying() && s.position() != null ? changes.countAfter(s.position()) : 0;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        worker = new Thread(this::run, "finance-kafka-relay");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try (Connection lockConnection = dataSource.getConnection()) {
                if (!tryLock(lockConnection)) {
                    State before = state.get();
                    state.set(new State(false, null, before.lastSuccess(), null));
                    sleep(Duration.ofSeconds(2));
                    continue;
                }
                try {
                    log.info("This node relays Finance rows to Kafka ({}, topic {})", settings.bootstrapServers(),
                            settings.topic());
                    relayWhileHolding(lockConnection);
                } finally {
                    // The connection goes back to the pool, not away: a lock left on it would outlive this relay.
                    unlock(lockConnection);
                }
                backoff = Duration.ofSeconds(1);
            } catch (Exception failure) {
                // The database, not Kafka: the lock may be gone with its connection; take it again (or not).
                log.warn("Kafka relay: the database failed ({}); trying again in {} s", failure.toString(),
                        backoff.toSeconds());
                State before = state.get();
                state.set(new State(false, null, before.lastSuccess(), said(failure)));
                sleep(backoff);
                backoff = longer(backoff);
            }
        }
    }

    /**
     * Relays for as long as this node holds the lock, through any Kafka outage: the node stays the relay (its lag
     * counts from what was last published and grows) and retries with backoff, rather than handing the lock over
     * to a node that could reach Kafka no better.
     */
    private void relayWhileHolding(Connection lockConnection) {
        // Another node may have relayed since this one last did: count from what was last recorded as published.
        State before = state.get();
        state.set(new State(true, lastPublished(), before.lastSuccess(), before.failure()));
        Duration backoff = Duration.ofSeconds(1);
        while (running && stillHolding(lockConnection)) {
            try {
                relayBatches(lockConnection);
                backoff = Duration.ofSeconds(1);
            } catch (Exception failure) {
                String said = said(failure);
                State now = state.get();
                state.set(new State(true, now.position(), now.lastSuccess(), said));
                log.warn("Kafka relay: {}; rows wait in the outbox, trying again in {} s", said, backoff.toSeconds());
                sleep(backoff);
                backoff = longer(backoff);
            }
        }
    }

    private void relayBatches(Connection lockConnection) throws Exception {
        DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(producerConfig());
        producers.setTransactionIdPrefix("invoicesync-finance-relay-");
        try (Admin admin = Admin.create(adminConfig())) {
            createTopics(admin);
            KafkaTemplate<String, String> kafka = new KafkaTemplate<>(producers);
            // Fence first: the relay's producer, made under its transactional id, has Kafka finish (or abort) the
            // transaction an earlier relay left open. A broker stopped while it wrote a batch's commit markers leaves
            // that transaction open, and a read_committed read of the position would stop before it.
            producers.createProducer().close();
            ChangeCursor position = resumeAfter(committedPosition().orElse(ChangeCursor.START), lastPublished());
            state.set(new State(true, position, Instant.now(), null));
            Instant lastAnswer = Instant.now();
            while (running && stillHolding(lockConnection)) {
                List<FinanceChange> batch = changes.after(position, settings.batchSize());
                if (batch.isEmpty()) {
                    // Nothing to send, so nothing would notice Kafka gone: ask it now and then, so that the
                    // health says DOWN (and the alert fires) before rows wait, not after.
                    if (Duration.between(lastAnswer, Instant.now()).compareTo(IDLE_CHECK) >= 0) {
                        admin.describeCluster().clusterId().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        lastAnswer = Instant.now();
                    }
                    state.set(new State(true, position, lastAnswer, null));
                    sleep(IDLE);
                    continue;
                }
                String last = batch.get(batch.size() - 1).cursor();
                kafka.executeInTransaction(ops -> {
                    for (FinanceChange change : batch) {
                        ops.send(record(change));
                    }
                    ops.send(new ProducerRecord<>(settings.positionTopic(), 0, POSITION_KEY, last));
                    return null;
                });
                position = ChangeCursor.parse(last).orElseThrow();
                published.increment(batch.size());
                changes.recordRead(READER, position);
                // A committed batch is Kafka answering: no need to ask it again until the relay has idled a while.
                lastAnswer = Instant.now();
                state.set(new State(true, position, lastAnswer, null));
            }
        } finally {
            producers.destroy();
        }
    }

    /** The outer exception names the step, the innermost what Kafka (or the network, or the database) said. */
    private static String said(Exception failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + (cause == failure ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
    }

    private static Duration longer(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /**
     * Where a relay resumes: after the greater of the position Kafka's committed transactions hold and the one this
     * relay recorded once Kafka acknowledged a commit, so it never goes back behind what Kafka acknowledged (and never
     * sends those rows twice), whatever state the position topic's last transaction was left in.
     */
    static ChangeCursor resumeAfter(ChangeCursor committedInKafka, ChangeCursor acknowledged) {
        return committedInKafka.compareTo(acknowledged) >= 0 ? committedInKafka : acknowledged;
    }

    /** The last change this relay recorded as published (after Kafka committed it), or the start. */
    private ChangeCursor lastPublished() {
        return changes.readerPosition(READER).orElse(ChangeCursor.START);
    }

    private ProducerRecord<String, String> record(FinanceChange change) {
        ProducerRecord<String, String> record = new ProducerRecord<>(settings.topic(), change.invoiceId().toString(),
                JSON.writeValueAsString(change));
        Map<String, String> headers = new HashMap<>();
        headers.put("invoicesync-cursor", change.cursor());
        headers.put("invoicesync-table-map", change.tableMap());
        headers.put("invoicesync-kind", change.kind().name());
        headers.put("invoicesync-change", change.change().name());
        headers.put("invoicesync-job", change.jobId() == null ? null : change.jobId().toString());
        headers.put("invoicesync-run", change.runId() == null ? null : change.runId().toString());
        headers.put("invoicesync-batch", change.batchNumber() == null ? null : change.batchNumber().toString());
        headers.put("invoicesync-source-event", change.sourceEventId());
        headers.forEach((name, value) -> {
            if (value != null) {
                record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return record;
    }

    /** The position the last committed Kafka transaction recorded: the last record of the position topic. */
    private Optional<ChangeCursor> committedPosition() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(settings.positionTopic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), KAFKA_TIMEOUT).get(partition);
            // Compacted, so short; read to its end (commit markers count as offsets, so stop at the end position).
            String last = null;
            while (consumer.position(partition, KAFKA_TIMEOUT) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (POSITION_KEY.equals(r.key())) {
                        last = r.value();
                    }
                }
            }
            return Optional.ofNullable(last).flatMap(ChangeCursor::parse);
        }
    }

    private Map<String, Object> adminConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis(),
                // An API call's time bounds each of its requests: Kafka refuses a request time above it.
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis() / 2);
    }

    private void createTopics(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic rows = new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor());
        NewTopic position = new NewTopic(settings.positionTopic(), 1, settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        for (NewTopic topic : List.of(rows, position)) {
            try {
                admin.createTopics(List.of(topic)).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A broker that does not answer fails the transaction within this, so the relay backs off, says DOWN and
        // tries again (a commit waiting on the transaction coordinator is bounded by it too).
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    private static boolean tryLock(Connection connection) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, RELAY_LOCK);
            unlock.execute();
        } catch (Exception gone) {
            // A connection that no longer answers took its lock with it.
        }
    }

    /** The lock's connection still answers (the lock lives as long as it). */
    private static boolean stillHolding(Connection connection) {
        try {
            return connection.isValid(5);
        } catch (Exception e) {
            return false;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void destroy() throws Exception {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(10_000);
        }
    }
}
