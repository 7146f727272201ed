package io.invoicesync.query.integrationjob;

import java.util.UUID;

/**
 * A confirmed proforma's own events, read by sequence number. They are complete at confirmation, so a sync step
 * never waits for another processor to have projected them.
 */
public interface ProformaSource {

    record SourceEvent(String eventId, long sequence, Object payload) {
    }

    SourceEvent eventAt(UUID invoiceId, long sequence);
}
