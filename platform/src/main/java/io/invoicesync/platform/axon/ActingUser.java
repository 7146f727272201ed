package io.invoicesync.platform.axon;

import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who asked: a command sent while serving a signed-in request carries the user's name in its metadata ({@code user}),
 * and every event it causes, on either side, inherits it as correlation data. The job's activity log shows it.
 */
@Configuration(proxyBeanMethods = false)
public class ActingUser {

    public static final String METADATA_KEY = "user";

    /** Declaring a provider replaces Axon's default one, so the message origin (trace and correlation ids) is kept. */
    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider actingUserIsCorrelated() {
        return new SimpleCorrelationDataProvider(METADATA_KEY);
    }

    @Bean
    public ConfigurerModule commandsNameTheirUser() {
        return configurer -> configurer.onInitialize(axon -> axon.onStart(() ->
                axon.commandBus().registerDispatchInterceptor(commands -> (index, command) -> {
                    Authentication user = SecurityContextHolder.getContext().getAuthentication();
                    return user == null || !user.isAuthenticated() || command.getMetaData().containsKey(METADATA_KEY)
                            ? command : command.andMetaData(Map.of(METADATA_KEY, user.getName()));
                })));
    }
}
