package io.invoicesync.query.integrationjob;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads single events of the store's own table by their unique keys. Axon's {@code readEvents(aggregate, sequence)}
 * fetches a whole batch (100 events) of the stream from that sequence on to return one: for a confirmed proforma,
 * whose chunk events hold 1,000 rows each, that fetched and decoded about 40 MB for every 0.4 MB batch, and the
 * profile of the sync showed the database and the driver's bytea decoding busy with it.
 */
@Component
class JdbcProformaSource implements ProformaSource {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    JdbcProformaSource(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @Override
    public SourceRef locate(UUID invoiceId, long sequence) {
        List<SourceRef> found = jdbc.query("""
                SELECT event_identifier, sequence_number, payload_type FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = ?""",
                (rs, n) -> new SourceRef(rs.getString(1), rs.getLong(2), rs.getString(3)),
                invoiceId.toString(), sequence);
        if (found.isEmpty()) {
            throw new IllegalStateException("Proforma " + invoiceId + " has no event at sequence " + sequence);
        }
        return found.get(0);
    }

    @Override
    public SourceEvent eventAt(UUID invoiceId, long sequence) {
        return single(jdbc.query(SELECT_EVENT + "WHERE aggregate_identifier = ? AND sequence_number = ?",
                (rs, n) -> event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                invoiceId.toString(), sequence), "Proforma " + invoiceId + " has no event at sequence " + sequence);
    }

    @Override
    public SourceEvent eventById(String eventId) {
        return single(jdbc.query(SELECT_EVENT + "WHERE event_identifier = ?",
                (rs, n) -> event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                eventId), "The event store holds no event " + eventId);
    }

    @Override
    public Optional<SourceEvent> confirmation(UUID invoiceId) {
        return jdbc.query(SELECT_EVENT + "WHERE aggregate_identifier = ? AND payload_type = ?",
                (rs, n) -> event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5)),
                invoiceId.toString(), ProformaConfirmed.class.getName()).stream().findFirst();
    }

    private static final String SELECT_EVENT = """
            SELECT event_identifier, sequence_number, payload_type, payload_revision, payload FROM domain_event_entry
            """;

    private SourceEvent event(String eventId, long sequence, String type, String revision, byte[] payload) {
        Object deserialized = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                new SimpleSerializedType(type, revision)));
        return new SourceEvent(eventId, sequence, deserialized);
    }

    private static SourceEvent single(List<SourceEvent> found, String missing) {
        if (found.isEmpty()) {
            throw new IllegalStateException(missing);
        }
        return found.get(0);
    }
}
