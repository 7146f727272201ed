package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bills one chunk of a confirming proforma's lines, chunks counted from 1 in the order the lines were added. */
public record BillConfirmedLines(@TargetAggregateIdentifier UUID invoiceId, int chunk, List<InvoiceLine> lines) {

    public BillConfirmedLines {
        lines = List.copyOf(lines);
    }
}
