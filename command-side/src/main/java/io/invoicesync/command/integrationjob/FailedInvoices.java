package io.invoicesync.command.integrationjob;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The invoices a job holds as failed, as the command side knows them (FailedInvoicesLedger). */
public interface FailedInvoices {

    /** The job's failed invoices among those asked for (all of them when none are asked for). */
    List<UUID> failedOf(UUID jobId, Collection<UUID> asked);
}
