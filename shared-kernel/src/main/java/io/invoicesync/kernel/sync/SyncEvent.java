package io.invoicesync.kernel.sync;

import java.util.UUID;

/** An invoice's way to Finance. Every sync event names its invoice: processors keep one invoice's events in order. */
public sealed interface SyncEvent
        permits InvoiceSyncStarted, TableMapBatchApplied, TableMapBatchWritten, TableMapApplied, SyncRecordFailed, InvoiceSynced,
        InvoiceSyncPaused, InvoiceSyncResumed, InvoiceSyncRetried, InvoiceSyncDismissed {

    UUID invoiceId();
}
