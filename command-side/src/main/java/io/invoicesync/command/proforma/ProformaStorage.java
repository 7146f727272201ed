package io.invoicesync.command.proforma;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * G3: without a cache every command replays the whole stream, so adding line 100,000 would cost a hundred batches of
 * reading. The cache keeps a busy proforma in memory (softly: until memory is short); snapshots bound a cold start.
 */
@Configuration(proxyBeanMethods = false)
class ProformaStorage {

    @Bean
    Cache proformaCache() {
        return new SoftReferenceCache();
    }

    @Bean
    SnapshotTriggerDefinition proformaSnapshotTrigger(Snapshotter snapshotter,
                                                      ProformaProperties settings) {
        return ProformaSnapshotTrigger.definition(snapshotter, settings.snapshotAfterEvents());
    }
}
