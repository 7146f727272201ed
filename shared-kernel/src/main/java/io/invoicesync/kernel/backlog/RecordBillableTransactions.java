package io.invoicesync.kernel.backlog;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The batch form of {@link RecordBillableTransaction}: thousands of actuals reach the backlog in one event. */
public record RecordBillableTransactions(@TargetAggregateIdentifier String projectContractId,
                                         List<BillableTransaction> transactions) {
}
