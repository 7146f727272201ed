package io.invoicesync.kernel.integrationjob;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResumeIntegrationJob(@TargetAggregateIdentifier UUID jobId) {
}
