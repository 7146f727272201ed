package io.invoicesync.kernel.proforma;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveInvoiceLine(@TargetAggregateIdentifier UUID invoiceId, UUID lineId) {
}
