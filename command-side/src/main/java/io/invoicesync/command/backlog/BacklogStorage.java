package io.invoicesync.command.backlog;

import io.invoicesync.command.nodes.StoreCheckedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A contract's backlog grows with every batch recorded; cached, recording batch 50 costs what batch 1 did. */
@Configuration(proxyBeanMethods = false)
class BacklogStorage {

    /** Checked against the store before each use: another command-side node may have moved the backlog on. */
    @Bean
    Cache backlogCache(ObjectProvider<EventStore> store) {
        return new StoreCheckedCache(new WeakReferenceCache(), id -> store.getObject().lastSequenceNumberFor(id));
    }
}
