package io.invoicesync.command.integrationjob;

import java.util.Optional;
import java.util.UUID;

/** Which integration job is active: answers the real-time-or-async question at confirm, and one-job-at-a-time at run. */
public interface ActiveJobs {

    Optional<UUID> activeJob();
}
