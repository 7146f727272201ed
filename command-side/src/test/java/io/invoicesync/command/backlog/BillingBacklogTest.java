package io.invoicesync.command.backlog;

import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.backlog.BillableTransactionsRecorded;
import io.invoicesync.kernel.backlog.RecordBillableTransaction;
import io.invoicesync.kernel.backlog.RecordBillableTransactions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillingBacklogTest {

    private AggregateTestFixture<BillingBacklog> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BillingBacklog.class);
    }

    private static BillableTransaction transaction(int n) {
        return new BillableTransaction(new UUID(0, n), "P-1", "CL-1", "TIME", new BigDecimal("8"),
                new BigDecimal("100"), "EUR", LocalDate.of(2026, 11, 1), "Work " + n);
    }

    @Test
    void recordsTransactionsOfAContract() {
        fixture.givenNoPriorActivity()
                .when(new RecordBillableTransactions("PC-1", List.of(transaction(1), transaction(2))))
                .expectEvents(new BillableTransactionsRecorded("PC-1", List.of(transaction(1), transaction(2))));
    }

    @Test
    void refusesATransactionRecordedBefore() {
        fixture.given(new BillableTransactionsRecorded("PC-1", List.of(transaction(1))))
                .when(new RecordBillableTransaction("PC-1", transaction(1)))
                .expectNoEvents()
                .expectExceptionMessage("Transaction " + new UUID(0, 1) + " is already in the billing backlog");
    }

    @Test
    void refusesTheSameTransactionTwiceInOneRequest() {
        fixture.givenNoPriorActivity()
                .when(new RecordBillableTransactions("PC-1", List.of(transaction(1), transaction(1))))
                .expectNoEvents()
                .expectExceptionMessage("The same transactionId appears more than once in the request");
    }
}
