package io.invoicesync.command.backlog;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A contract's backlog grows with every batch recorded; cached, recording batch 50 costs what batch 1 did. */
@Configuration(proxyBeanMethods = false)
class BacklogStorage {

    @Bean
    Cache backlogCache() {
        return new WeakReferenceCache();
    }
}
