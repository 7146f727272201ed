package io.invoicesync.kernel.proforma;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A billed sales actual made by confirming a line (msdyn_actuals, transaction type Billed Sales). */
public record BilledActual(UUID actualId,
                           UUID invoiceLineId,
                           UUID unbilledTransactionId,
                           String transactionClass,
                           String projectId,
                           String contractLineId,
                           BigDecimal quantity,
                           BigDecimal unitPrice,
                           BigDecimal amount,
                           String currency,
                           LocalDate documentDate) {
}
