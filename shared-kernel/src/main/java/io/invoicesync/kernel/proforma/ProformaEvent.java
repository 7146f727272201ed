package io.invoicesync.kernel.proforma;

import io.invoicesync.kernel.sync.ConcernsOneInvoice;
import java.util.UUID;

public sealed interface ProformaEvent extends ConcernsOneInvoice
        permits ProformaCreated, InvoiceLinesAdded, InvoiceLineRemoved, BilledActualsCreated, TransactionsConnected,
        ProformaConfirmationStarted, ProformaConfirmed {

    UUID invoiceId();
}
