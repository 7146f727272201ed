package io.invoicesync.kernel.proforma;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A line as a user asks for it: either a backlog transaction (all values come from the backlog) or a manual fee
 * line (description, quantity, unit price; currency, when given, must be the invoice's).
 */
public record NewInvoiceLine(UUID lineId,
                             UUID backlogTransactionId,
                             String description,
                             BigDecimal quantity,
                             BigDecimal unitPrice,
                             String currency) {

    public static NewInvoiceLine fromBacklog(UUID lineId, UUID backlogTransactionId) {
        return new NewInvoiceLine(lineId, backlogTransactionId, null, null, null, null);
    }

    public static NewInvoiceLine manualFee(UUID lineId, String description, BigDecimal quantity, BigDecimal unitPrice,
                                           String currency) {
        return new NewInvoiceLine(lineId, null, description, quantity, unitPrice, currency);
    }

    public boolean isFromBacklog() {
        return backlogTransactionId != null;
    }
}
