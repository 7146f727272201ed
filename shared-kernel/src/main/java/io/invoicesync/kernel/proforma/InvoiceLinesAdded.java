package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;

public record InvoiceLinesAdded(UUID invoiceId, List<InvoiceLine> lines) implements ProformaEvent {
}
