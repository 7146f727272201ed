package io.invoicesync.kernel.integrationjob;

import java.util.UUID;

public sealed interface IntegrationJobEvent
        permits IntegrationJobCreated, TableMapAdded, IntegrationJobSaved, IntegrationJobStarted, IntegrationJobStopped,
        SyncErrorsRetried, SyncErrorsDismissed {

    UUID jobId();
}
