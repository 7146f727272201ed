package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/**
 * A resume's catch-up, as the coordinator found it: {@code invoices} waited (paused in flight or confirmed during the
 * pause) holding {@code rows} Finance rows still to write, and at the job's last pace ({@code rowsPerSecond}, 0 when
 * it has none to go by) they take {@code estimatedSeconds} (null without a pace). Named by {@code resumedAt}, the
 * resume it follows; {@link JobCaughtUp} says when the last of them was done.
 */
public record JobCatchUpEstimated(UUID jobId, UUID runId, Instant resumedAt, int invoices, long rows,
                                  double rowsPerSecond, Long estimatedSeconds) {
}
