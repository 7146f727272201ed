package io.invoicesync.command.backlog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.invoicesync.command.backlog.rules.TransactionIdsAreUniqueInRequest;
import io.invoicesync.command.backlog.rules.TransactionNotYetRecorded;
import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.backlog.BillableTransactionsRecorded;
import io.invoicesync.kernel.backlog.RecordBillableTransaction;
import io.invoicesync.kernel.backlog.RecordBillableTransactions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A project contract's billing backlog: the unbilled sales actuals its proformas are made from. */
@Aggregate(cache = "backlogCache")
public class BillingBacklog {

    @AggregateIdentifier
    private String projectContractId;
    private Set<UUID> recorded = new HashSet<>();

    protected BillingBacklog() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void decide(RecordBillableTransaction command) {
        record(command.projectContractId(), List.of(command.transaction()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void decide(RecordBillableTransactions command) {
        record(command.projectContractId(), command.transactions());
    }

    private void record(String contractId, List<BillableTransaction> transactions) {
        new TransactionIdsAreUniqueInRequest(transactions).verify();
        for (int i = 0; i < transactions.size(); i++) {
            new TransactionNotYetRecorded(i, transactions.get(i).transactionId(), recorded).verify();
        }
        apply(new BillableTransactionsRecorded(contractId, List.copyOf(transactions)));
    }

    @EventSourcingHandler
    void evolve(BillableTransactionsRecorded event) {
        projectContractId = event.projectContractId();
        event.transactions().forEach(transaction -> recorded.add(transaction.transactionId()));
    }
}
