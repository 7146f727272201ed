package io.invoicesync.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.junit.jupiter.api.Test;

class HandledEventsOnlyTest {

    /** A processor's handlers: Strings only. */
    static final class Handler {
        @EventHandler
        void on(String event) {
        }
    }

    private final List<Object> monitored = new ArrayList<>();
    private final MessageMonitor<Message<?>> axonsMonitors = message -> {
        monitored.add(message.getPayload());
        return NoOpMessageMonitorCallback.INSTANCE;
    };

    @Test
    void monitorsTheEventsTheProcessorHandlesAndSkipsTheOthers() {
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder().eventHandlers(new Handler()).build();
        HandledEventsOnly monitor = new HandledEventsOnly(axonsMonitors, () -> invoker);

        monitor.onMessageIngested(GenericEventMessage.asEventMessage("handled"));
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(42));
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("handled too"));

        assertThat(monitored).containsExactly("handled", "handled too");
    }

    @Test
    void asksTheHandlersOncePerEventTypeAndOnlyOnceTheProcessorIsThere() {
        AtomicInteger asked = new AtomicInteger();
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder().eventHandlers(new Handler()).build();
        HandledEventsOnly monitor = new HandledEventsOnly(axonsMonitors, () -> {
            asked.incrementAndGet();
            return invoker;
        });
        assertThat(asked).hasValue(0);

        for (int i = 0; i < 5; i++) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i));
            monitor.onMessageIngested(GenericEventMessage.asEventMessage(i));
        }

        assertThat(asked).hasValue(2);
        assertThat(monitored).hasSize(5);
    }

    @Test
    void monitorsEverythingWhenTheProcessorIsNotFound() {
        HandledEventsOnly monitor = new HandledEventsOnly(axonsMonitors, () -> null);

        monitor.onMessageIngested(GenericEventMessage.asEventMessage(42));

        assertThat(monitored).containsExactly(42);
    }
}
