package io.invoicesync.command.proforma;

import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A proforma's current lines, read from its own events when it is confirmed. The aggregate keeps no line bodies, and
 * the events are complete at that moment: every line event precedes the confirmation in the same stream.
 *
 * <p>It streams: a million-line invoice is never in memory at once. A first pass reads only the removals (the line
 * events stay serialized, unread); the second hands on each added line that is still on the invoice, in the order
 * it was added, a chunk at a time. A line removed and added again counts where it was added last.
 */
@Component
public class ProformaLineHistory {

    private final EventStore eventStore;

    public ProformaLineHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Hands the lines still on the invoice, in the order they were added, to {@code chunkConsumer} in chunks. */
    public void forEachChunkOfLines(UUID invoiceId, int chunkSize, Consumer<List<InvoiceLine>> chunkConsumer) {
        Map<UUID, Long> lastRemoval = removals(invoiceId);
        List<InvoiceLine> chunk = new ArrayList<>(chunkSize);
        // From sequence 0, not from the latest snapshot: the snapshot holds no line bodies.
        DomainEventStream events = eventStore.readEvents(invoiceId.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (!InvoiceLinesAdded.class.equals(message.getPayloadType())) {
                continue;
            }
            for (InvoiceLine line : ((InvoiceLinesAdded) message.getPayload()).lines()) {
                Long removedAt = lastRemoval.get(line.lineId());
                if (removedAt == null || removedAt < message.getSequenceNumber()) {
                    chunk.add(line);
                    if (chunk.size() == chunkSize) {
                        chunkConsumer.accept(List.copyOf(chunk));
                        chunk.clear();
                    }
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunkConsumer.accept(List.copyOf(chunk));
        }
    }

    /**
     * The lines still on the invoice, when they are at most {@code max}: in the order they were added, read in one
     * pass. Empty as soon as more than {@code max} are on it at any point of the stream (a line removed later might
     * bring it back under, and the caller then confirms chunk by chunk: slower, never wrong), so that a large invoice
     * costs this no more than its first events.
     */
    public Optional<List<InvoiceLine>> linesIfAtMost(UUID invoiceId, int max) {
        // Removed and added again, a line counts where it was added last: removing it from this order, then adding
        // it again, puts it there.
        Map<UUID, InvoiceLine> current = new LinkedHashMap<>();
        DomainEventStream events = eventStore.readEvents(invoiceId.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (InvoiceLineRemoved.class.equals(message.getPayloadType())) {
                current.remove(((InvoiceLineRemoved) message.getPayload()).lineId());
            } else if (InvoiceLinesAdded.class.equals(message.getPayloadType())) {
                for (InvoiceLine line : ((InvoiceLinesAdded) message.getPayload()).lines()) {
                    current.put(line.lineId(), line);
                }
                if (current.size() > max) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(List.copyOf(current.values()));
    }

    /** Each removed line's last removal, by sequence number; only removal events are deserialized. */
    private Map<UUID, Long> removals(UUID invoiceId) {
        Map<UUID, Long> lastRemoval = new HashMap<>();
        DomainEventStream events = eventStore.readEvents(invoiceId.toString(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            if (InvoiceLineRemoved.class.equals(message.getPayloadType())) {
                lastRemoval.put(((InvoiceLineRemoved) message.getPayload()).lineId(), message.getSequenceNumber());
            }
        }
        return lastRemoval;
    }
}
