package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;

public record TransactionsConnected(UUID invoiceId, int chunk, List<TransactionConnection> connections)
        implements ProformaEvent, ConfirmationChunk {
}
