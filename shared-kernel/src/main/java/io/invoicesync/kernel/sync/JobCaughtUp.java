package io.invoicesync.kernel.sync;

import java.time.Instant;
import java.util.UUID;

/** The last invoice of the catch-up that followed the resume at {@code resumedAt} is synced or failed. */
public record JobCaughtUp(UUID jobId, UUID runId, Instant resumedAt, Instant caughtUpAt) {
}
