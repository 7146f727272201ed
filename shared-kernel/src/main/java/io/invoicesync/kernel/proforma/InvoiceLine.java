package io.invoicesync.kernel.proforma;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice line detail (msdyn_invoicelinetransaction) with every value resolved, as stored in the event. */
public record InvoiceLine(UUID lineId,
                          UUID backlogTransactionId,
                          String transactionClass,
                          String projectId,
                          String contractLineId,
                          String description,
                          BigDecimal quantity,
                          BigDecimal unitPrice,
                          BigDecimal amount,
                          LocalDate transactionDate) {
}
