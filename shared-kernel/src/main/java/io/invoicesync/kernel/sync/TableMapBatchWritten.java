package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * Finance has written a batch of an async run: the flow control of the sync. An invoice's saga keeps a few batches
 * published and not yet written; each of these lets one more go, so the saga never runs ahead of Finance, and a stop
 * halts an invoice within those few batches. Published by the Finance group in the transaction that wrote the rows,
 * never during a replay and never for real-time batches (which are written inside the confirm request).
 */
public record TableMapBatchWritten(UUID invoiceId, UUID jobId, UUID runId, String tableMap, int batchNumber, int rows,
                                   Instant writtenAt) implements SyncEvent {
}
