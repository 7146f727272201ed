package io.invoicesync.kernel.proforma;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Applied last when a proforma is confirmed, after all its {@link BilledActualsCreated} and
 * {@link TransactionsConnected} chunks: a reader that sees this event has already seen everything it counts. The
 * {@code chunks} pairs of those events stand directly before it in the proforma's stream, actuals then connections
 * ({@link ConfirmationLayout}).
 */
public record ProformaConfirmed(UUID invoiceId,
                                String projectContractId,
                                String customerId,
                                String currency,
                                LocalDate invoiceDate,
                                String invoiceHeaderText,
                                int lineCount,
                                BigDecimal totalAmount,
                                int actualCount,
                                int connectionCount,
                                int chunks,
                                Instant confirmedAt) implements ProformaEvent {
}
