package io.invoicesync.kernel.proforma;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a confirmation once every line is billed: answers the {@link ProformaConfirmed} it applied. */
public record CompleteConfirmation(@TargetAggregateIdentifier UUID invoiceId) {
}
