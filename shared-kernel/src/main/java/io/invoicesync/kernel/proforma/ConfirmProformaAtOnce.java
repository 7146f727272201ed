package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Confirms a proforma of at most one chunk of lines in one command, one transaction: begins the confirmation, bills
 * {@code lines} and completes it, as {@link ConfirmProforma}, {@link BillConfirmedLines} and
 * {@link CompleteConfirmation} do for a larger one. {@code lines} are the lines the caller read from the proforma's
 * history; the proforma confirms only if they are exactly its lines now, and otherwise changes nothing and answers
 * null (a line changed since they were read: the caller confirms chunk by chunk).
 */
public record ConfirmProformaAtOnce(@TargetAggregateIdentifier UUID invoiceId,
                                    @TargetAggregateVersion Long expectedVersion, List<InvoiceLine> lines) {

    public ConfirmProformaAtOnce {
        lines = List.copyOf(lines);
    }
}
