package io.invoicesync.query.proforma;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * A confirmed proforma's own events. They are complete at confirmation, so a sync step never waits for another
 * processor to have projected them. The sync reads them one at a time, and only where it needs their rows: the saga
 * locates a batch's source event (its id and kind, never its rows), and the Finance writer reads the rows by that id.
 */
public interface ProformaSource {

    /** Where a source event is: enough to name it in a batch, without its payload. */
    record SourceRef(String eventId, long sequence, String payloadType) {
    }

    record SourceEvent(String eventId, long sequence, Object payload) {
    }

    /** The event at {@code sequence} of the proforma's stream, without its payload. */
    SourceRef locate(UUID invoiceId, long sequence);

    /** The event at {@code sequence} of the proforma's stream, with its payload. */
    SourceEvent eventAt(UUID invoiceId, long sequence);

    /**
     * The events from {@code first} to {@code last} of the proforma's stream, with their payloads, in order: a small
     * confirmation's chunk events and the confirmation itself in one read.
     */
    default List<SourceEvent> eventsBetween(UUID invoiceId, long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(sequence -> eventAt(invoiceId, sequence)).toList();
    }

    /** The event with this identifier, with its payload. */
    SourceEvent eventById(String eventId);

    /** The proforma's ProformaConfirmed with its sequence, if it is confirmed. */
    Optional<SourceEvent> confirmation(UUID invoiceId);

    /** Whether any proforma has this id. */
    boolean exists(UUID invoiceId);
}
