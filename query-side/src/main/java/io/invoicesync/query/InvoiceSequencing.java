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
        Object payload = event.getPayload();
        Optional<Method> invoiceId = INVOICE_ID.computeIfAbsent(payload.getClass(), InvoiceSequencing::invoiceIdOf);
        if (invoiceId.isPresent()) {
            try {
                return invoiceId.get().invoke(payload);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read invoiceId of " + payload.getClass().getName(), e);
            }
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
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
