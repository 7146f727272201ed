package io.invoicesync.command.proforma;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate cache with soft references: an aggregate stays cached until memory is actually short. Axon's
 * {@code WeakReferenceCache} loses it at the next collection once no command holds it, and a confirmation runs a
 * command per chunk with busy allocation in between: the profile showed the proforma rebuilt from its whole stream
 * (every line event, every chunk billed so far) for most chunks, quadratic in the invoice's size.
 */
final class SoftReferenceCache implements Cache {

    private final Map<Object, SoftReference<Object>> entries = new ConcurrentHashMap<>();
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        SoftReference<Object> reference = entries.get(key);
        Object value = reference == null ? null : reference.get();
        if (reference != null && value == null) {
            entries.remove(key, reference);
            listeners.forEach(listener -> listener.onEntryExpired(key));
        } else if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        SoftReference<Object> previous = entries.put(key, new SoftReference<>(value));
        listeners.forEach(listener -> {
            if (previous == null || previous.get() == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (get(key) != null) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T value = get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return value;
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V value = get(key);
        if (value != null) {
            put(key, update.apply(value));
        }
    }

    @Override
    public boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        listeners.forEach(listener -> listener.onEntryRemoved(key));
        return true;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
