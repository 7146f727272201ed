package io.invoicesync.kernel.integrationjob;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record SyncErrorsRetried(UUID jobId, List<UUID> invoiceIds, Instant requestedAt) implements IntegrationJobEvent {
}
