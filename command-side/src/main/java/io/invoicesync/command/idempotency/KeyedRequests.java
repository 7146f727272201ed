package io.invoicesync.command.idempotency;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
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
     * Runs a keyed request's command. Refused, it answers as this very request first did, if its earlier attempt did
     * the work (the event of {@code type} under its key: its answer was lost with a commit in doubt), from that event;
     * else the refusal stands.
     */
    public <R, T> R once(Supplier<R> command, Object aggregateId, String requestKey, Class<T> type,
                         Function<DomainEventMessage<T>, R> asItDid) {
        try {
            return command.get();
        } catch (RuntimeException refused) {
            if (requestKey == null) {
                throw refused;
            }
            return asItDid.apply(madeBy(aggregateId, requestKey, type).orElseThrow(() -> refused));
        }
    }

    /** As {@link #once(Supplier, Object, String, Class, Function)}, for a command whose answer is the request's own. */
    public <T> void once(Runnable command, Object aggregateId, String requestKey, Class<T> type) {
        once(() -> {
            command.run();
            return null;
        }, aggregateId, requestKey, type, event -> null);
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
