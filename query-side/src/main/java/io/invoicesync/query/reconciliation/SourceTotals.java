package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the confirmed proforma in the event store says Finance must hold: its confirmation (line count, total, how many
 * actuals and connections) and, summed over its chunk events, the billed actuals (each one also an invoice proposal
 * line) and the connections. Read one event at a time (a cursor), so an invoice of any size is checked in bounded
 * memory.
 */
record SourceTotals(ProformaConfirmed confirmed, long actuals, BigDecimal amount, BigDecimal quantity,
                    long connections) {

    private static final List<String> TYPES = List.of(ProformaConfirmed.class.getName(),
            BilledActualsCreated.class.getName(), TransactionsConnected.class.getName());

    /** Null when the proforma is not confirmed (there is nothing Finance should hold yet). */
    static SourceTotals read(JdbcTemplate jdbc, Serializer serializer, UUID invoiceId) {
        Sums sums = new Sums();
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(1);
        cursor.query("SELECT payload_type, payload_revision, payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type IN (?, ?, ?) ORDER BY sequence_number",
                rs -> {
                    Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(3), byte[].class,
                            new SimpleSerializedType(rs.getString(1), rs.getString(2))));
                    sums.add(event);
                }, invoiceId.toString(), TYPES.get(0), TYPES.get(1), TYPES.get(2));
        return sums.confirmed == null ? null
                : new SourceTotals(sums.confirmed, sums.actuals, sums.amount, sums.quantity, sums.connections);
    }

    private static final class Sums {
        ProformaConfirmed confirmed;
        long actuals;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal quantity = BigDecimal.ZERO;
        long connections;

        void add(Object event) {
            if (event instanceof ProformaConfirmed c) {
                confirmed = c;
            } else if (event instanceof BilledActualsCreated chunk) {
                for (BilledActual actual : chunk.actuals()) {
                    actuals++;
                    amount = amount.add(actual.amount());
                    quantity = quantity.add(actual.quantity());
                }
            } else if (event instanceof TransactionsConnected chunk) {
                connections += chunk.connections().size();
            }
        }
    }
}
