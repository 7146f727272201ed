package io.invoicesync.kernel.integrationjob;

import java.time.Instant;
import java.util.UUID;

public record IntegrationJobCreated(UUID jobId, String name, Instant createdAt) implements IntegrationJobEvent {
}
