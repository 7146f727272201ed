package io.invoicesync.kernel.integrationjob;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Dismisses the job's failed invoices: those named, or all when {@code invoiceIds} is empty. */
public record DismissSyncErrors(@TargetAggregateIdentifier UUID jobId, List<UUID> invoiceIds) {
}
