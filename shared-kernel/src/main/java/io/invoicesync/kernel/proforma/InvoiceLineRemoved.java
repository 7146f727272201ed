package io.invoicesync.kernel.proforma;

import java.math.BigDecimal;
import java.util.UUID;

public record InvoiceLineRemoved(UUID invoiceId, UUID lineId, UUID backlogTransactionId, BigDecimal amount)
        implements ProformaEvent {
}
