package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The way large invoices are built: up to {@link #MAX_LINES} lines become one event. */
public record AddInvoiceLines(@TargetAggregateIdentifier UUID invoiceId, List<NewInvoiceLine> lines,
                              @TargetAggregateVersion Long expectedVersion) {

    /** Without an expected version: the lines are added to whatever the proforma holds now. */
    public AddInvoiceLines(UUID invoiceId, List<NewInvoiceLine> lines) {
        this(invoiceId, lines, null);
    }

    public static final int MAX_LINES = 5_000;
}
