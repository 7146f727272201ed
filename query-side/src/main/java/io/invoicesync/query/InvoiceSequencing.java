package io.invoicesync.query;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Which events of the Finance processor must be handled in order, and so by the same segment: those of one invoice.
 * Its batches are published by the saga, not by an aggregate, so Axon's default (per aggregate, else per event) would
 * spread one invoice's header, lines, actuals and connections over segments, and a line could arrive before its
 * header. Events without an invoice (the job's life cycle) keep the default: ordered per aggregate.
 */
final class InvoiceSequencing implements SequencingPolicy<EventMessage<?>> {

    private static final Map<Class<?>, Optional<Method>> INVOICE_ID = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object invoiceId = invoiceOf(event.getPayload());
        return invoiceId != null ? invoiceId : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /** The invoice an event is about (its record component {@code invoiceId}), or null for events of no invoice. */
    static Object invoiceOf(Object payload) {
        Optional<Method> invoiceId = INVOICE_ID.computeIfAbsent(payload.getClass(), InvoiceSequencing::invoiceIdOf);
        if (invoiceId.isEmpty()) {
            return null;
        }
        try {
            return invoiceId.get().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read invoiceId of " + payload.getClass().getName(), e);
        }
    }

    private static Optional<Method> invoiceIdOf(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("invoiceId")) {
                return Optional.of(component.getAccessor());
            }
        }
        return Optional.empty();
    }
}
