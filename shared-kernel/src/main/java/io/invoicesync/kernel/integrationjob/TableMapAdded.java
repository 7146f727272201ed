package io.invoicesync.kernel.integrationjob;

import java.util.UUID;

/** {@code position} is 1-based: the order in which the job applies its maps. */
public record TableMapAdded(UUID jobId, String tableName, int position) implements IntegrationJobEvent {
}
