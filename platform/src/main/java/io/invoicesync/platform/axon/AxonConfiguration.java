package io.invoicesync.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Snapshots serialize aggregates, whose state is private fields with no getters; events are records, which Jackson
     * reads through their components either way. Unknown properties are tolerated so an old reader survives a new field.
     */
    @Bean
    public Jackson3SerializerCustomizer fieldVisibleJson() {
        return builder -> builder
                .changeDefaultVisibility(visibility -> visibility
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                        .withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
