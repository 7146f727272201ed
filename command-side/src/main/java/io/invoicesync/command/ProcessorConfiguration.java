package io.invoicesync.command;

import io.invoicesync.command.integrationjob.FailedInvoicesLedger;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's one streaming processor: {@link FailedInvoicesLedger} reads what the query side published. It starts at
 * the beginning of the store as plain processing (not Axon's default replay token), so a command side deployed after
 * failures happened still knows them. The command-lookups group stays subscribing (command-side.yml).
 */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    @Bean
    ConfigurerModule failedInvoicesFromTheTail() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTrackingEventProcessor(
                ProcessingGroups.FAILED_INVOICES, axon -> axon.eventStore(), axon -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(100)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)));
    }
}
