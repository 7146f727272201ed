package io.invoicesync.kernel.proforma;

import io.invoicesync.kernel.money.CurrencyCode;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProforma(@TargetAggregateIdentifier UUID invoiceId,
                             String projectContractId,
                             String customerId,
                             CurrencyCode currency,
                             LocalDate invoiceDate,
                             String invoiceHeaderText) {
}
