package io.invoicesync.query.processing;

import io.invoicesync.query.syncstate.CoordinatorTables;
import io.invoicesync.query.syncstate.InvoiceProgressReader;
import io.invoicesync.query.syncstate.QuarantineTable;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The query side's processors, explicitly. Tracking processors: a saga step waits for the event it published
 * itself, and a tracking processor is woken by that commit at once, where the pooled one polled (3x slower here).
 * They start at the tail as plain processing: Axon's default first token is a replay of the whole store, and handlers
 * that must not replay (the coordinator, the sagas) would then skip the history, so proformas confirmed before the
 * query side first ran would never be synced ({@code QuerySideStartsLateTest}). Batch size, threads, segments and
 * claim interval come from {@code invoicesync.processors.<group>.*}, deliberately not Axon's own
 * {@code axon.eventhandling.processors.*}: for a group named there, Axon's auto-configuration registers the processor
 * itself, with its own configuration, and a configuration registered here is silently ignored.
 *
 * <p>Each group sets aside an invoice whose events keep failing ({@link InvoiceQuarantine}), after
 * {@code invoicesync.processors.<group>.attempts} tries (3 by default), so that one invoice never holds up the others.
 *
 * <p>Several nodes: a processor's segments are shared out by {@link io.invoicesync.query.processing.SegmentBalancer}; each
 * node runs as many threads as there are segments, so one survivor can take over all of them. A node looks for
 * unclaimed segments every {@code token-claim-interval} ms (1 s by default here, Axon's is 5 s): with the claim timeout
 * that bounds how long a dead node's segments stand still.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    @Bean
    ConfigurerModule trackingProcessorsFromTheTail(ProcessorsProperties processors, QuarantineTable quarantine,
                                                   PlatformTransactionManager transactions,
                                                   InvoiceProgressReader progress, CoordinatorTables coordinator,
                                                   Clock clock) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : ProcessingGroups.ALL) {
                ProcessorsProperties.Processor settings = processors.of(group);
                processing.registerTrackingEventProcessor(group, axon -> axon.eventStore(), axon ->
                        TrackingEventProcessorConfiguration.forParallelProcessing(settings.threadCount())
                                .andInitialSegmentsCount(settings.initialSegmentCount())
                                .andBatchSize(settings.batchSize())
                                .andTokenClaimInterval(settings.tokenClaimInterval(), TimeUnit.MILLISECONDS)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                .andAutoStart(processors.autoStart()));
                processing.registerHandlerInterceptor(group, axon ->
                        new InvoiceQuarantine(group, settings.attempts(), quarantine, transactions, axon.eventBus(),
                                progress, coordinator, clock));
            }
            processing.registerSequencingPolicy(ProcessingGroups.FINANCE, c -> new InvoiceSequencing());
        });
    }
}
