package io.invoicesync.kernel.proforma;

import java.util.UUID;

public sealed interface ProformaEvent
        permits ProformaCreated, InvoiceLinesAdded, InvoiceLineRemoved, BilledActualsCreated, TransactionsConnected,
        ProformaConfirmationStarted, ProformaConfirmed {

    UUID invoiceId();
}
