package io.invoicesync.kernel.backlog;

import java.util.List;

public record BillableTransactionsRecorded(String projectContractId, List<BillableTransaction> transactions)
        implements BacklogEvent {
}
