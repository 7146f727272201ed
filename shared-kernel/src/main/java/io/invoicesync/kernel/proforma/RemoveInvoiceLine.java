package io.invoicesync.kernel.proforma;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveInvoiceLine(@TargetAggregateIdentifier UUID invoiceId, UUID lineId,
                                @TargetAggregateVersion Long expectedVersion) {

    public RemoveInvoiceLine(UUID invoiceId, UUID lineId) {
        this(invoiceId, lineId, null);
    }

}
