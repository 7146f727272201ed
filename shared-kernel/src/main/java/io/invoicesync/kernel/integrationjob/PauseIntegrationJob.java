package io.invoicesync.kernel.integrationjob;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PauseIntegrationJob(@TargetAggregateIdentifier UUID jobId) {
}
