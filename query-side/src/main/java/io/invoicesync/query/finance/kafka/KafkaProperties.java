package io.invoicesync.query.finance.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Finance rows on Kafka ({@code invoicesync.kafka.*}); off unless {@code bootstrapServers} is set.
 *
 * @param bootstrapServers  the brokers, host:port,... (env INVOICESYNC_KAFKA_BOOTSTRAP_SERVERS); blank:
 *                          no relay
 * @param topic             where every Finance row is published, keyed by invoice id (default
 *                          invoicesync.finance.rows)
 * @param positionTopic     where the relay records, in the same Kafka transaction as the rows, the last change it
 *                          published (default invoicesync.finance.relay-position; one partition, compacted)
 * @param partitions        partitions of the rows topic when the relay creates it (default 6)
 * @param replicationFactor replication of both topics when the relay creates them (default 1; 3 in production)
 * @param batchSize         changes per Kafka transaction, at most (default 500)
 */
@ConfigurationProperties("invoicesync.kafka")
public record KafkaProperties(String bootstrapServers, String topic, String positionTopic, Integer partitions,
                              Short replicationFactor, Integer batchSize) {

    public KafkaProperties {
        topic = topic == null || topic.isBlank() ? "invoicesync.finance.rows" : topic;
        positionTopic = positionTopic == null || positionTopic.isBlank() ? "invoicesync.finance.relay-position"
                : positionTopic;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        batchSize = batchSize == null ? 500 : batchSize;
        if (partitions < 1 || replicationFactor < 1 || batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("invoicesync.kafka: partitions and replication-factor at least 1, "
                    + "batch-size between 1 and 10000");
        }
    }

    public boolean enabled() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }
}
