package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;

/** One chunk of a confirmed invoice's billed actuals: a 100,000-line invoice is many of these, never one giant event. */
public record BilledActualsCreated(UUID invoiceId, int chunk, List<BilledActual> actuals)
        implements ProformaEvent, ConfirmationChunk {
}
