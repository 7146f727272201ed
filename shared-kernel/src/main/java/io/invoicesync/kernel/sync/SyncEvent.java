package io.invoicesync.kernel.sync;

import java.util.UUID;

/** An invoice's way to Finance. Every sync event names its invoice: processors keep one invoice's events in order. */
public sealed interface SyncEvent extends ConcernsOneInvoice
        permits InvoiceSyncStarted, TableMapBatchApplied, TableMapBatchWritten, TableMapApplied, SyncRecordFailed, InvoiceSynced,
        InvoiceSyncPaused, InvoiceSyncResumed, InvoiceSyncRetried, InvoiceSyncDismissed, InvoiceResynced {

    UUID invoiceId();

    /** The job the step belongs to; null in real time. */
    UUID jobId();

    /** The run the step belongs to, where the event names one. */
    default UUID runId() {
        return null;
    }
}
