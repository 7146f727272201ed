package io.invoicesync.query.integrationjob;

import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

@Component
class EventStoreProformaSource implements ProformaSource {

    private final EventStore eventStore;

    EventStoreProformaSource(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public SourceEvent eventAt(UUID invoiceId, long sequence) {
        DomainEventStream stream = eventStore.readEvents(invoiceId.toString(), sequence);
        if (!stream.hasNext()) {
            throw new IllegalStateException("Proforma " + invoiceId + " has no event at sequence " + sequence);
        }
        DomainEventMessage<?> message = stream.next();
        return new SourceEvent(message.getIdentifier(), message.getSequenceNumber(), message.getPayload());
    }
}
