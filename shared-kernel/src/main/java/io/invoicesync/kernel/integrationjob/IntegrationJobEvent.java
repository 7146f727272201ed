package io.invoicesync.kernel.integrationjob;

import java.util.UUID;

public sealed interface IntegrationJobEvent
        permits IntegrationJobCreated, TableMapAdded, IntegrationJobSaved, IntegrationJobStarted, IntegrationJobStopped,
        IntegrationJobPaused, IntegrationJobResumed, SyncErrorsRetried, SyncErrorsDismissed {

    UUID jobId();
}
