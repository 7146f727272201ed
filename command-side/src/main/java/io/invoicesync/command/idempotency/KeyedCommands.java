package io.invoicesync.command.idempotency;

import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Which request: a command sent while serving a request with an Idempotency-Key carries the key (as
 * {@link IdempotentWrites#REQUEST_KEY} names it) in its metadata, and every event it causes inherits it as
 * correlation data, committed with the event. So the request sent again after its commit was in doubt finds its own
 * work ({@link KeyedRequests}), as the acting user is found in the job's activity log.
 */
@Configuration(proxyBeanMethods = false)
public class KeyedCommands {

    @Bean
    public CorrelationDataProvider requestKeyIsCorrelated() {
        return new SimpleCorrelationDataProvider(IdempotentWrites.REQUEST_KEY);
    }

    @Bean
    public ConfigurerModule commandsNameTheirRequestKey() {
        return configurer -> configurer.onInitialize(axon -> axon.onStart(() ->
                axon.commandBus().registerDispatchInterceptor(commands -> (index, command) -> {
                    RequestAttributes request = RequestContextHolder.getRequestAttributes();
                    Object key = request == null ? null
                            : request.getAttribute(IdempotentWrites.REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
                    return key == null || command.getMetaData().containsKey(IdempotentWrites.REQUEST_KEY) ? command
                            : command.andMetaData(Map.of(IdempotentWrites.REQUEST_KEY, key));
                })));
    }
}
