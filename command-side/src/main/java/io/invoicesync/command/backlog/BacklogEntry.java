package io.invoicesync.command.backlog;

import io.invoicesync.kernel.backlog.BillableTransaction;
import java.util.UUID;

/** A backlog transaction with the invoice that holds it, if any. */
public record BacklogEntry(String projectContractId, BillableTransaction transaction, UUID reservedByInvoice) {
}
