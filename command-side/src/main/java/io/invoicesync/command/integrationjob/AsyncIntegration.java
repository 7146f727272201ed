package io.invoicesync.command.integrationjob;

import java.util.Optional;
import java.util.UUID;

/**
 * Which integration job owns the async table maps (the last one run) and whether it is active. It answers the
 * real-time-or-async question at confirm, and one-active-job-at-a-time at run.
 */
public interface AsyncIntegration {

    record Owner(UUID jobId, boolean active) {
    }

    Optional<Owner> owner();

    default Optional<UUID> activeJob() {
        return owner().filter(Owner::active).map(Owner::jobId);
    }
}
