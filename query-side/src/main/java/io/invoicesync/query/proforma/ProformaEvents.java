package io.invoicesync.query.proforma;

import java.util.Collection;
import java.util.Collections;
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
 * A proforma's own events of the given types, read from the event store in their order and handed over one at a
 * time: a cursor (fetch size 1 inside a transaction), so a proforma of any size is read in bounded memory. Used to read
 * a proforma back ({@link ProformaReader}) and to reconcile Finance against it.
 */
@Component
public class ProformaEvents {

    private final JdbcTemplate cursor;
    private final Serializer serializer;
    private final TransactionTemplate readOnly;

    ProformaEvents(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                   PlatformTransactionManager transactions) {
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
                    handler.accept(serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                            new SimpleSerializedType(rs.getString(1), rs.getString(2)))));
                }, arguments));
    }
}
