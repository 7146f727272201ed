package io.invoicesync.query.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sagas feed Finance ({@code invoicesync.sync.*}).
 *
 * @param batchesInFlight how many batches of one invoice may be on their way to Finance at once (default 4): enough
 *                        that the Finance group never waits for the saga, few enough that a stop halts an invoice
 *                        within a few batches. At least 1
 */
@ConfigurationProperties("invoicesync.sync")
public record SyncProperties(Integer batchesInFlight) {

    public SyncProperties {
        batchesInFlight = batchesInFlight == null ? 4 : batchesInFlight;
        if (batchesInFlight < 1) {
            throw new IllegalArgumentException("invoicesync.sync.batches-in-flight must be at least 1, not "
                    + batchesInFlight);
        }
    }
}
