package io.invoicesync.command.idempotency;

import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * What a request sent with an Idempotency-Key did to an aggregate, read from the aggregate's own events: a command
 * sent under the key has its events name the key in their metadata (committed with them), so the same request sent
 * again after its commit was in doubt (answered 503, the key freed) finds its work and answers as it first would have.
 */
@Component
public class KeyedRequests {

    private final EventStore events;

    public KeyedRequests(EventStore events) {
        this.events = events;
    }

    /** The command, carrying the request's key where it has one. */
    public static <C> CommandMessage<C> underKey(C command, Optional<String> requestKey) {
        return GenericCommandMessage.<C>asCommandMessage(command).andMetaData(requestKey
                .map(key -> MetaData.with(IdempotentWrites.REQUEST_KEY, key)).orElse(MetaData.emptyInstance()));
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
