package io.invoicesync.kernel.backlog;

public sealed interface BacklogEvent permits BillableTransactionsRecorded {
}
