package io.invoicesync.query.reconciliation;

import io.invoicesync.kernel.proforma.BilledActual;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import io.invoicesync.query.proforma.ProformaEvents;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the confirmed proforma in the event store says Finance must hold: its confirmation (line count, total, how many
 * actuals and connections) and, summed over its chunk events, the billed actuals (each one also an invoice proposal
 * line) and the connections, read one event at a time ({@link ProformaEvents}).
 */
record SourceTotals(ProformaConfirmed confirmed, long actuals, BigDecimal amount, BigDecimal quantity,
                    long connections) {

    static final List<Class<?>> TYPES = List.of(ProformaConfirmed.class, BilledActualsCreated.class,
            TransactionsConnected.class);

    /**
     * Null when the proforma is not confirmed (there is nothing Finance should hold yet). {@code each} also sees every
     * event read, so that one pass over the events serves the row-by-row comparison too.
     */
    static SourceTotals read(ProformaEvents events, UUID invoiceId, Consumer<Object> each) {
        Sums sums = new Sums();
        events.stream(invoiceId, TYPES, event -> {
            sums.add(event);
            each.accept(event);
        });
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
