package io.invoicesync.command.nodes;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An aggregate cache that several command-side nodes can share a database behind: before a cached aggregate is used to
 * decide a command, the event store is asked for the aggregate's last sequence number (one indexed lookup), and a copy
 * another node has moved past is dropped, so the aggregate is loaded again from its snapshot and events. A node never
 * refuses (or accepts) on a stale copy; a race between this check and the append is caught by the store itself (a
 * duplicate sequence number, {@link DuplicateAppendResolver}) and the command is decided again
 * ({@link CommandRetries}).
 */
public final class StoreCheckedCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(StoreCheckedCache.class);
    /** Axon keeps the cached aggregate's version in a private field; read it, or treat every entry as stale. */
    private static final Field VERSION = versionField();

    private final Cache cached;
    private final Function<String, Optional<Long>> lastSequenceNumber;

    /** @param lastSequenceNumber the store's last sequence number of an aggregate (empty: it has no event) */
    public StoreCheckedCache(Cache cached, Function<String, Optional<Long>> lastSequenceNumber) {
        this.cached = cached;
        this.lastSequenceNumber = lastSequenceNumber;
    }

    @Override
    public <K, V> V get(K key) {
        V value = cached.get(key);
        if (value instanceof AggregateCacheEntry<?> entry && !current(String.valueOf(key), entry)) {
            cached.remove(key);
            return null;
        }
        return value;
    }

    private boolean current(String aggregateId, AggregateCacheEntry<?> entry) {
        Long version = versionOf(entry);
        Optional<Long> stored = lastSequenceNumber.apply(aggregateId);
        return version != null && stored.map(last -> last <= version).orElse(true);
    }

    static Long versionOf(AggregateCacheEntry<?> entry) {
        if (VERSION == null) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Safe, only slower: every command then loads its aggregate from the store.
            log.warn("Cannot read a cached aggregate's version ({}); aggregates are reloaded for every command", e);
            return null;
        }
    }

    @Override
    public void put(Object key, Object value) {
        cached.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return cached.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key) {
        return cached.remove(key);
    }

    @Override
    public void removeAll() {
        cached.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cached.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return cached.registerCacheEntryListener(cacheEntryListener);
    }
}
