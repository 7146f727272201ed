package io.invoicesync.query.proforma;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.ProformaCreated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A proforma's own events, the one way the query side reads them from the event store's table. Two shapes: a cursor
 * over the events of given types in their order, handed over one at a time (fetch size 1 inside a transaction), so a
 * proforma of any size is read in bounded memory (to read a proforma back, {@link ProformaReader}, and to reconcile
 * Finance against it); and single events by their unique keys ({@link ProformaSource}, for the sync). Axon's own
 * {@code readEvents(aggregate, sequence)} fetches a whole batch (100 events) of the stream from that sequence on to
 * return one: for a confirmed proforma, whose chunk events hold 1,000 rows each, that fetched and decoded about 40 MB
 * for every 0.4 MB batch.
 */
@Component
public class ProformaEvents implements ProformaSource {

    private static final String SELECT_EVENT = """
            SELECT event_identifier, sequence_number, payload_type, payload_revision, payload FROM domain_event_entry
            """;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;
    private final Serializer serializer;
    private final TransactionTemplate readOnly;

    ProformaEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                   PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(jdbc.getDataSource());
        this.cursor.setFetchSize(1);
        this.serializer = serializer;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public void stream(UUID invoiceId, Collection<Class<?>> types, Consumer<Object> handler) {
        Object[] arguments = new Object[types.size() + 1];
        arguments[0] = invoiceId.toString();
        int i = 1;
        for (Class<?> type : types) {
            arguments[i++] = type.getName();
        }
        String placeholders = String.join(", ", Collections.nCopies(types.size(), "?"));
        readOnly.executeWithoutResult(status -> cursor.query("SELECT payload_type, payload_revision, payload "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type IN (" + placeholders
                        + ") ORDER BY sequence_number",
                rs -> {
                    handler.accept(deserialize(rs.getBytes("payload"), rs.getString("payload_type"),
                            rs.getString("payload_revision")));
                }, arguments));
    }

    @Override
    public SourceRef locate(UUID invoiceId, long sequence) {
        List<SourceRef> found = jdbc.query("""
                SELECT event_identifier, sequence_number, payload_type FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = ?""",
                (rs, n) -> new SourceRef(rs.getString("event_identifier"), rs.getLong("sequence_number"),
                        rs.getString("payload_type")), invoiceId.toString(), sequence);
        if (found.isEmpty()) {
            throw new IllegalStateException("Proforma " + invoiceId + " has no event at sequence " + sequence);
        }
        return found.get(0);
    }

    @Override
    public SourceEvent eventAt(UUID invoiceId, long sequence) {
        return single(jdbc.query(SELECT_EVENT + "WHERE aggregate_identifier = ? AND sequence_number = ?",
                this::event, invoiceId.toString(), sequence),
                "Proforma " + invoiceId + " has no event at sequence " + sequence);
    }

    @Override
    public List<SourceEvent> eventsBetween(UUID invoiceId, long first, long last) {
        List<SourceEvent> found = jdbc.query(SELECT_EVENT + "WHERE aggregate_identifier = ? AND sequence_number "
                + "BETWEEN ? AND ? ORDER BY sequence_number", this::event, invoiceId.toString(), first, last);
        if (found.size() != last - first + 1) {
            throw new IllegalStateException("Proforma " + invoiceId + " has " + found.size() + " events from sequence "
                    + first + " to " + last);
        }
        return found;
    }

    @Override
    public SourceEvent eventById(String eventId) {
        return single(jdbc.query(SELECT_EVENT + "WHERE event_identifier = ?", this::event, eventId),
                "The event store holds no event " + eventId);
    }

    @Override
    public Optional<SourceEvent> confirmation(UUID invoiceId) {
        return jdbc.query(SELECT_EVENT + "WHERE aggregate_identifier = ? AND payload_type = ?", this::event,
                invoiceId.toString(), ProformaConfirmed.class.getName()).stream().findFirst();
    }

    @Override
    public boolean exists(UUID invoiceId) {
        return !jdbc.queryForList("SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0 AND payload_type = ?", Integer.class, invoiceId.toString(),
                ProformaCreated.class.getName()).isEmpty();
    }

    private SourceEvent event(ResultSet rs, int n) throws SQLException {
        return new SourceEvent(rs.getString("event_identifier"), rs.getLong("sequence_number"),
                deserialize(rs.getBytes("payload"), rs.getString("payload_type"), rs.getString("payload_revision")));
    }

    private Object deserialize(byte[] payload, String type, String revision) {
        return serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                new SimpleSerializedType(type, revision)));
    }

    private static SourceEvent single(List<SourceEvent> found, String missing) {
        if (found.isEmpty()) {
            throw new IllegalStateException(missing);
        }
        return found.get(0);
    }
}
