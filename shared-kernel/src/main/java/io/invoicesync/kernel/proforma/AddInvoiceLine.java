package io.invoicesync.kernel.proforma;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AddInvoiceLine(@TargetAggregateIdentifier UUID invoiceId, NewInvoiceLine line,
                             @TargetAggregateVersion Long expectedVersion) {

    public AddInvoiceLine(UUID invoiceId, NewInvoiceLine line) {
        this(invoiceId, line, null);
    }

}
