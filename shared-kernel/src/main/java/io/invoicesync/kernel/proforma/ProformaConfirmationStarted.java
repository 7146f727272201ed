package io.invoicesync.kernel.proforma;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmation has begun: the proforma no longer changes, and its lines are billed chunk by chunk, each chunk in a
 * transaction of its own ({@link BillConfirmedLines}), so that no transaction, event or request holds a whole large
 * invoice. {@link ProformaConfirmed} ends it. A confirmation cut short (a crash) is resumed by confirming again.
 */
public record ProformaConfirmationStarted(UUID invoiceId, int lineCount, Instant startedAt) implements ProformaEvent {
}
