package io.invoicesync.command.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

/** A cached aggregate is used only while the store holds nothing newer of it; without Spring or a database. */
class StoreCheckedCacheTest {

    static class Counter {
        @AggregateIdentifier
        String id = "counter-1";
    }

    private final Map<String, Long> lastInStore = new HashMap<>();
    private final WeakReferenceCache cached = new WeakReferenceCache();
    private final StoreCheckedCache cache = new StoreCheckedCache(cached,
            id -> Optional.ofNullable(lastInStore.get(id)));

    private static AggregateCacheEntry<Counter> atVersion(long version) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(new Counter(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class), version, false, null, null));
    }

    @Test
    void aCopyAsNewAsTheStoreIsUsed() {
        AggregateCacheEntry<Counter> entry = atVersion(7);
        cache.put("counter-1", entry);
        lastInStore.put("counter-1", 7L);

        assertThat(StoreCheckedCache.versionOf(entry)).as("Axon's private field read").isEqualTo(7L);
        assertThat((Object) cache.get("counter-1")).isSameAs(entry);
    }

    @Test
    void aCopyAnotherNodeMovedPastIsDroppedSoTheAggregateIsLoadedAgain() {
        cache.put("counter-1", atVersion(7));
        lastInStore.put("counter-1", 9L);

        assertThat((Object) cache.get("counter-1")).isNull();
        assertThat(cached.containsKey("counter-1")).as("dropped, not only hidden").isFalse();
    }

    @Test
    void somethingOtherThanAnAggregateOrAnUnknownAggregateIsLeftAsItIs() {
        cache.put("other", "value");
        cache.put("counter-1", atVersion(3));

        assertThat((Object) cache.get("other")).isEqualTo("value");
        assertThat((Object) cache.get("counter-1")).as("the store has no event of it (yet)").isNotNull();
    }
}
