package io.invoicesync.kernel.integrationjob;

import java.time.Instant;
import java.util.UUID;

public record IntegrationJobStopped(UUID jobId, UUID runId, Instant stoppedAt) implements IntegrationJobEvent {
}
