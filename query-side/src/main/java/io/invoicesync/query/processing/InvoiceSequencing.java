package io.invoicesync.query.processing;

import io.invoicesync.kernel.sync.ConcernsOneInvoice;
import java.util.UUID;
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

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object invoiceId = invoiceOf(event.getPayload());
        return invoiceId != null ? invoiceId : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /** The invoice an event is about, or null for events of no invoice (they say so: {@link ConcernsOneInvoice}). */
    static UUID invoiceOf(Object payload) {
        return payload instanceof ConcernsOneInvoice invoiceEvent ? invoiceEvent.invoiceId() : null;
    }
}
