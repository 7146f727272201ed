package io.invoicesync.kernel.proforma;

import io.invoicesync.kernel.money.CurrencyCode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a draft proforma, with its first lines in the same transaction where some are given (none: an empty draft). */
public record CreateProforma(@TargetAggregateIdentifier UUID invoiceId,
                             String projectContractId,
                             String customerId,
                             CurrencyCode currency,
                             LocalDate invoiceDate,
                             String invoiceHeaderText,
                             List<NewInvoiceLine> lines) {

    public CreateProforma {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public CreateProforma(UUID invoiceId, String projectContractId, String customerId, CurrencyCode currency,
                          LocalDate invoiceDate, String invoiceHeaderText) {
        this(invoiceId, projectContractId, customerId, currency, invoiceDate, invoiceHeaderText, List.of());
    }
}
