package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The way large invoices are built: up to {@link #MAX_LINES} lines become one event. */
public record AddInvoiceLines(@TargetAggregateIdentifier UUID invoiceId, List<NewInvoiceLine> lines) {

    public static final int MAX_LINES = 5_000;
}
