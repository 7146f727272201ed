package io.invoicesync.platform.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * A processor's Axon metrics for the events it has a handler for, and nothing for the others. Every tracking
 * processor reads every event in the store, and most are not its own (the query side's three groups each pass over
 * the command side's events and each other's): Axon's four monitors built and looked up their tagged meters for each
 * of them only to count it ignored, a seventh of the processors' CPU at month end. So {@code eventProcessor_*} count
 * and time the events a processor handles, and its latency is that of its own events; the ones it skips by type are
 * not counted. Whether it has a handler is asked once per event type of the processor's handlers
 * ({@link EventHandlerInvoker#canHandleType}; a saga manager answers yes to every type, and keeps every metric).
 */
final class HandledEventsOnly implements MessageMonitor<Message<?>> {

    private final MessageMonitor<Message<?>> delegate;
    private final Supplier<EventHandlerInvoker> handlers;
    private final Map<Class<?>, Boolean> handled = new ConcurrentHashMap<>();

    /**
     * @param handlers the processor's handlers, asked for at the first event: the monitor is made while the processor
     *                 itself is being built
     */
    HandledEventsOnly(MessageMonitor<Message<?>> delegate, Supplier<EventHandlerInvoker> handlers) {
        this.delegate = delegate;
        this.handlers = handlers;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Class<?> type = message.getPayloadType();
        Boolean handles = handled.get(type);
        if (handles == null) {
            EventHandlerInvoker invoker = handlers.get();
            if (invoker == null) {
                // Not built yet: monitored, and asked again next time.
                return delegate.onMessageIngested(message);
            }
            handles = invoker.canHandleType(type);
            handled.put(type, handles);
        }
        return handles ? delegate.onMessageIngested(message) : NoOpMessageMonitorCallback.INSTANCE;
    }
}
