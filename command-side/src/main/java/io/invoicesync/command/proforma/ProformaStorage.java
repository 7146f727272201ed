package io.invoicesync.command.proforma;

import io.invoicesync.command.nodes.StoreCheckedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * G3: without a cache every command replays the whole stream, so adding line 100,000 would cost a hundred batches of
 * reading. The cache keeps a busy proforma in memory (softly: until memory is short); snapshots bound a cold start.
 */
@Configuration(proxyBeanMethods = false)
class ProformaStorage {

    /** Checked against the store before each use: another command-side node may have moved the proforma on. */
    @Bean
    Cache proformaCache(ObjectProvider<EventStore> store) {
        return new StoreCheckedCache(new SoftReferenceCache(), id -> store.getObject().lastSequenceNumberFor(id));
    }

    @Bean
    SnapshotTriggerDefinition proformaSnapshotTrigger(Snapshotter snapshotter,
                                                      ProformaProperties settings) {
        return ProformaSnapshotTrigger.definition(snapshotter, settings.snapshotAfterEvents());
    }
}
