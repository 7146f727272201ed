package io.invoicesync.kernel.backlog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** An unbilled sales actual of a project contract: what a proforma invoice line is made from. */
public record BillableTransaction(
        UUID transactionId,
        String projectId,
        String contractLineId,
        String transactionClass,
        BigDecimal quantity,
        BigDecimal unitPrice,
        String currency,
        LocalDate transactionDate,
        String description) {
}
