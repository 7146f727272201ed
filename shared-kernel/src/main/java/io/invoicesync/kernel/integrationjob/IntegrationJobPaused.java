package io.invoicesync.kernel.integrationjob;

import java.time.Instant;
import java.util.UUID;

/**
 * The run holds still: no invoice is dispatched or sent a batch until {@link IntegrationJobResumed}, but unlike a stop
 * the run goes on afterwards and the job keeps the table maps, so confirmations keep queueing for it (never real time).
 */
public record IntegrationJobPaused(UUID jobId, UUID runId, Instant pausedAt) implements IntegrationJobEvent {
}
