package io.invoicesync.kernel.proforma;

import java.util.UUID;

public sealed interface ProformaEvent
        permits ProformaCreated, InvoiceLinesAdded, InvoiceLineRemoved, BilledActualsCreated, TransactionsConnected,
        ProformaConfirmed {

    UUID invoiceId();
}
