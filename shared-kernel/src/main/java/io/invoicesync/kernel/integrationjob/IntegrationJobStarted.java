package io.invoicesync.kernel.integrationjob;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run: the job is Active from here until {@link IntegrationJobStopped}; runId names this run in every trace. */
public record IntegrationJobStarted(UUID jobId, UUID runId, List<String> tableMaps, Instant startedAt)
        implements IntegrationJobEvent {
}
