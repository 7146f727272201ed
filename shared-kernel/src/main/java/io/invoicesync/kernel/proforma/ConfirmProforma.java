package io.invoicesync.kernel.proforma;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ConfirmProforma(@TargetAggregateIdentifier UUID invoiceId, @TargetAggregateVersion Long expectedVersion) {

    public ConfirmProforma(UUID invoiceId) {
        this(invoiceId, null);
    }

}
