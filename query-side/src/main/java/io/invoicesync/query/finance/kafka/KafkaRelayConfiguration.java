package io.invoicesync.query.finance.kafka;

import io.invoicesync.query.RunsOnlyInTheApp;
import io.invoicesync.query.finance.changes.FinanceChanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka relay, only where brokers are named ({@code invoicesync.kafka.bootstrap-servers}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${invoicesync.kafka.bootstrap-servers:}'.isBlank()")
@RunsOnlyInTheApp
class KafkaRelayConfiguration {

    @Bean
    FinanceRelay financeRelay(KafkaProperties settings, FinanceChanges changes, DataSource dataSource,
                              MeterRegistry registry) {
        return new FinanceRelay(settings, changes, dataSource, registry);
    }

    /**
     * DOWN while Kafka does not answer the relaying node (rows wait in the outbox, nothing is lost); details say
     * where it stands. Not part of readiness: the query side serves reads whatever Kafka does.
     */
    @Bean
    HealthIndicator kafkaRelay(FinanceRelay relay) {
        return () -> {
            FinanceRelay.State state = relay.state();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("relaying", state.relaying());
            details.put("position", state.position() == null ? null : state.position().toString());
            details.put("lagChanges", relay.lag());
            details.put("lastSuccess", state.lastSuccess() == null ? null : state.lastSuccess().toString());
            details.put("failure", state.failure());
            return (relay.healthy() ? Health.up() : Health.down()).withDetails(details).build();
        };
    }
}
