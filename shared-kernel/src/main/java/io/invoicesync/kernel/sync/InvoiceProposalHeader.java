package io.invoicesync.kernel.sync;

import io.invoicesync.kernel.proforma.ProformaConfirmed;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Project invoice proposal V2, header fields, as Finance receives them. */
public record InvoiceProposalHeader(UUID invoiceProposalId, String projectContractId, String customerId,
                                    String salesCurrency, LocalDate invoiceDate, String invoiceHeaderText,
                                    int lineCount, BigDecimal totalAmount) {

    /** The header a confirmation gives Finance: the sync sends it, reconciliation expects it. */
    public static InvoiceProposalHeader of(ProformaConfirmed confirmed) {
        return new InvoiceProposalHeader(confirmed.invoiceId(), confirmed.projectContractId(), confirmed.customerId(),
                confirmed.currency(), confirmed.invoiceDate(), confirmed.invoiceHeaderText(), confirmed.lineCount(),
                confirmed.totalAmount());
    }
}
