package io.invoicesync.kernel.integrationjob;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds the next table map; the name is the Dataverse table name and is checked by the job, not here. */
public record AddTableMap(@TargetAggregateIdentifier UUID jobId, String tableName) {
}
