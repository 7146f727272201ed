package io.invoicesync.command.proforma;

import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A proforma's current lines, read from its own events when it is confirmed. The aggregate keeps no line bodies, and
 * the events are complete at that moment: every line event precedes the confirmation in the same stream.
 */
@Component
public class ProformaLineHistory {

    private final EventStore eventStore;

    public ProformaLineHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Hands the lines still on the invoice, in the order they were added, to {@code chunkConsumer} in chunks. */
    public void forEachChunkOfLines(UUID invoiceId, int chunkSize, Consumer<List<InvoiceLine>> chunkConsumer) {
        Map<UUID, InvoiceLine> current = new LinkedHashMap<>();
        // From sequence 0, not from the latest snapshot: the snapshot holds no line bodies.
        DomainEventStream events = eventStore.readEvents(invoiceId.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            Object payload = message.getPayload();
            if (payload instanceof InvoiceLinesAdded added) {
                added.lines().forEach(line -> current.put(line.lineId(), line));
            } else if (payload instanceof InvoiceLineRemoved removed) {
                current.remove(removed.lineId());
            }
        }
        List<InvoiceLine> chunk = new ArrayList<>(chunkSize);
        for (InvoiceLine line : current.values()) {
            chunk.add(line);
            if (chunk.size() == chunkSize) {
                chunkConsumer.accept(List.copyOf(chunk));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            chunkConsumer.accept(List.copyOf(chunk));
        }
    }
}
