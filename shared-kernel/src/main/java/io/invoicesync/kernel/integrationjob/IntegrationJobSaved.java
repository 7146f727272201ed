package io.invoicesync.kernel.integrationjob;

import java.util.List;
import java.util.UUID;

public record IntegrationJobSaved(UUID jobId, List<String> tableMaps) implements IntegrationJobEvent {
}
