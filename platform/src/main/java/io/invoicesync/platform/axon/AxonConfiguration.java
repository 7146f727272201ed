package io.invoicesync.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

@EnableConfigurationProperties(EventStoreProperties.class)
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Snapshots serialize aggregates, whose state is private fields with no getters; events are records, which Jackson
     * reads through their components either way. Unknown properties are tolerated so an old reader survives a new field.
     * Axon's ReplayToken carries an untyped context with its class name; Jackson 3 refuses any such type unless told
     * which ones to trust, and a reset processor then dies on its own token: trust Axon's, ours and the JDK's.
     */
    @Bean
    public Jackson3SerializerCustomizer fieldVisibleJson() {
        return builder -> builder
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("io.invoicesync.")
                        .allowIfSubType("java.")
                        .build())
                .changeDefaultVisibility(visibility -> visibility
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                        .withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, with appends in commit order (see
     * CommitOrderedEventStorageEngine); declared here because declaring the event store below switches that
     * auto-configuration off. The gap settings are Axon's defaults unless set; tests lower them to provoke gap loss.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axon,
                                                 ConnectionProvider connections, TransactionManager transactions,
                                                 EventSchema schema, EventStoreProperties settings) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axon.upcasterChain())
                // Recognises a duplicate (aggregate, sequence) as a ConcurrencyException: two writers, one wins.
                .persistenceExceptionResolver(new DuplicateAppendResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .gapTimeout(settings.gapTimeoutMs())
                .gapCleaningThreshold(settings.gapCleaningThreshold())
                // Events per query (Axon's default is 100). A proforma's events hold up to 5,000 lines (1.4 MB) or a
                // chunk's 1,000 actuals, and the driver holds a query's rows in memory twice over (hex, then bytes):
                // 100 such events at once are several hundred MB of a 1 GB heap.
                .batchSize(settings.batchSize());
        return new CommitOrderedEventStorageEngine(builder, settings.commitOrderedAppends());
    }

    /**
     * Events committed by the other app reach this one by polling the event store; Axon's default waits a second
     * between polls when idle. Events of this app wake the processors at once either way.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                         EventStoreProperties settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(settings.fetchDelayMs())
                // The recent events the processors share in memory (Axon's default is 10,000): with events of up to
                // 1.4 MB, 10,000 of them would not fit in any heap a user gives this app.
                .cachedEvents(settings.cachedEvents())
                .build();
    }

    /**
     * Axon's Spring transaction manager, declared here: Axon 4.13's auto-configuration orders itself after Spring Boot
     * 3's transaction auto-configuration classes, which moved in Boot 4, so it decided before Boot's JDBC transaction
     * manager existed and fell back to a no-op one. Every unit of work (command, event batch) then committed statement
     * by statement, and a kill -9 between a batch's token and its rows broke exactly-once (found by KillQuerySideTest).
     */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    /**
     * Axon's default logs a handler's exception and moves on; here a failing handler fails its unit of work, so the
     * command that caused it is rolled back, or a streaming processor retries instead of silently skipping an event.
     */
    @Bean
    public ConfigurerModule handlerErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
