package io.invoicesync.query;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What application.yml cannot say. Since Axon 4.9 a new processor starts with a replay token, and handlers that must
 * not replay (the coordinator, the sagas) then skip the history: proformas confirmed before the query side first ran
 * would never be synced. These processors start at the tail as plain, non-replay processing.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    @Bean
    ConfigurerModule processorsStartAtTheTail() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[]{"sync-coordinator", "invoice-sync", "finance"}) {
                processing.registerPooledStreamingEventProcessorConfiguration(group,
                        (config, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
            }
        });
    }
}
