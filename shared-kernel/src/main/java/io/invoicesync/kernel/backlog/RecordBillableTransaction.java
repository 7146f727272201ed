package io.invoicesync.kernel.backlog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records one unbilled transaction in a project contract's billing backlog. */
public record RecordBillableTransaction(@TargetAggregateIdentifier String projectContractId,
                                        BillableTransaction transaction) {
}
