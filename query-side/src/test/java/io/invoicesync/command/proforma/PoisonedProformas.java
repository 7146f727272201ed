package io.invoicesync.command.proforma;

import io.invoicesync.kernel.backlog.TransactionClass;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.ProformaConfirmationStarted;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.ProformaCreated;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A confirmed proforma written straight into the event store, the way a defect, an old release or a restored backup
 * could have left one, with a value or an id the edge refuses today. Its events are laid out as ProformaInvoice lays them out
 * (lines, then per chunk actuals and connections, then the confirmation) and billed by the same code.
 */
public final class PoisonedProformas {

    private PoisonedProformas() {
    }

    /**
     * {@code lines} lines at 2 × 100.5 = 201, like the backlog lines of the tests, except that the first line's
     * quantity is {@code firstQuantity} (a value Finance's columns may refuse), and the customer is {@code customerId}.
     */
    public static UUID confirm(EventStore store, String customerId, int lines, BigDecimal firstQuantity) {
        return confirm(store, customerId, IntStream.range(0, lines).mapToObj(i -> line(UUID.randomUUID(),
                i == 0 ? firstQuantity : new BigDecimal("2.00"))).toList());
    }

    /**
     * A proforma whose lines have these ids, as one could be confirmed before a line id was unique across invoices
     * (two proformas sharing an id): quantity 2 at 100.5 each.
     */
    public static UUID confirmWithLineIds(EventStore store, String customerId, List<UUID> lineIds) {
        return confirm(store, customerId, lineIds.stream().map(id -> line(id, new BigDecimal("2.00"))).toList());
    }

    private static InvoiceLine line(UUID lineId, BigDecimal quantity) {
        return new InvoiceLine(lineId, UUID.randomUUID(), TransactionClass.TIME.name(), "P-1", "CL-1", "Work",
                quantity, new BigDecimal("100.5000"), new BigDecimal("201.0000"), LocalDate.of(2026, 11, 1));
    }

    private static UUID confirm(EventStore store, String customerId, List<InvoiceLine> invoiceLines) {
        UUID invoiceId = UUID.randomUUID();
        Instant now = Instant.now();
        int lines = invoiceLines.size();
        BigDecimal total = new BigDecimal("201.0000").multiply(BigDecimal.valueOf(lines));
        List<Object> events = new ArrayList<>();
        events.add(new ProformaCreated(invoiceId, "PC-POISON", customerId, "EUR", LocalDate.of(2026, 11, 24),
                "poisoned", now));
        events.add(new InvoiceLinesAdded(invoiceId, invoiceLines));
        events.add(new ProformaConfirmationStarted(invoiceId, lines, now));
        BillingOnConfirmation billing = new BillingOnConfirmation("EUR");
        int chunks = 0;
        int connections = 0;
        for (int from = 0; from < lines; from += BillingOnConfirmation.CHUNK_SIZE) {
            List<InvoiceLine> chunk = invoiceLines.subList(from, Math.min(lines, from + BillingOnConfirmation.CHUNK_SIZE));
            chunks++;
            TransactionsConnected connected = new TransactionsConnected(invoiceId, chunks, billing.connectionsFor(chunk));
            events.add(new BilledActualsCreated(invoiceId, chunks, billing.actualsFor(chunk)));
            events.add(connected);
            connections += connected.connections().size();
        }
        events.add(new ProformaConfirmed(invoiceId, "PC-POISON", customerId, "EUR", LocalDate.of(2026, 11, 24),
                "poisoned", lines, total, lines, connections, chunks, now));
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("ProformaInvoice", invoiceId.toString(), sequence,
                    events.get(sequence)));
        }
        store.publish(messages);
        return invoiceId;
    }
}
