package io.invoicesync.kernel.sync;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Project invoice proposal V2, header fields, as Finance receives them. */
public record InvoiceProposalHeader(UUID invoiceProposalId, String projectContractId, String customerId,
                                    String salesCurrency, LocalDate invoiceDate, String invoiceHeaderText,
                                    int lineCount, BigDecimal totalAmount) {
}
