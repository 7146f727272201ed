package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An invoice enters a sync. {@code confirmedSequence} is the sequence number of its ProformaConfirmed event; the
 * {@code chunks} pairs of actual and connection events stand right before it. jobId and runId are null in real time.
 */
public record InvoiceSyncStarted(UUID invoiceId, UUID jobId, UUID runId, String mode, List<String> tableMaps,
                                 long confirmedSequence, int chunks, int lineCount, int actualCount,
                                 int connectionCount, Instant startedAt) implements SyncEvent {
}
