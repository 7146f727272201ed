package io.invoicesync.command.idempotency;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * What a request sent with an Idempotency-Key did to an aggregate, read from the aggregate's own events: the events a
 * keyed request's commands cause name its key in their metadata, committed with them ({@link KeyedCommands}), so the
 * same request sent again after its commit was in doubt (answered 503, the key freed) finds its work and answers as
 * it first would have.
 */
@Component
public class KeyedRequests {

    private final EventStore events;

    public KeyedRequests(EventStore events) {
        this.events = events;
    }

    /**
     * The event of this type that this request (sent with its key) appended to the aggregate before, answering why it
     * is refused now: its own earlier attempt did it. Else the refusal stands.
     */
    public <T> T doneAlready(RuntimeException refused, Object aggregateId, String requestKey, Class<T> type) {
        return doneAlreadyEvent(refused, aggregateId, requestKey, type).getPayload();
    }

    /** As {@link #doneAlready}, the event whole (its sequence number is the version it left). */
    public <T> DomainEventMessage<T> doneAlreadyEvent(RuntimeException refused, Object aggregateId, String requestKey,
                                                      Class<T> type) {
        if (requestKey == null) {
            throw refused;
        }
        return madeBy(aggregateId, requestKey, type).orElseThrow(() -> refused);
    }

    /** The event of this type that a request under this key appended to the aggregate, if it did. */
    public <T> Optional<DomainEventMessage<T>> madeBy(Object aggregateId, String requestKey, Class<T> type) {
        return events.readEvents(aggregateId.toString(), 0).asStream()
                .filter(event -> type.isInstance(event.getPayload())
                        && requestKey.equals(event.getMetaData().get(IdempotentWrites.REQUEST_KEY)))
                .map(event -> {
                    @SuppressWarnings("unchecked")
                    DomainEventMessage<T> typed = (DomainEventMessage<T>) event;
                    return typed;
                })
                .findFirst();
    }
}
