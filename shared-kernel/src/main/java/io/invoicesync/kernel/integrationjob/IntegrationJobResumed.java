package io.invoicesync.kernel.integrationjob;

import java.time.Instant;
import java.util.UUID;

/** The paused run goes on: what waited is synced first, the same run in every trace. */
public record IntegrationJobResumed(UUID jobId, UUID runId, Instant resumedAt) implements IntegrationJobEvent {
}
