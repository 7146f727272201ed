package io.invoicesync.kernel.proforma;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record ProformaCreated(UUID invoiceId,
                              String projectContractId,
                              String customerId,
                              String currency,
                              LocalDate invoiceDate,
                              String invoiceHeaderText,
                              Instant createdAt) implements ProformaEvent {
}
