package io.invoicesync.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this app reads and appends events ({@code invoicesync.event-store.*}). The defaults fit a heap of 1 GB with
 * events of up to 1.4 MB; the gap settings are Axon's own defaults, which tests lower to provoke gap loss.
 *
 * @param commitOrderedAppends append under the store's lock, so global indexes commit in their order and no
 *                             tracking processor ever skips a late commit (default true; off only to prove the guard)
 * @param gapTimeoutMs         how long a processor waits for a missing global index before giving it up, in ms
 *                             (default 60000)
 * @param gapCleaningThreshold how many gaps a token keeps before the old ones are cleaned (default 250)
 * @param batchSize            events per query to the store (default 50; Axon's is 100, and 100 events of 1.4 MB are
 *                             several hundred MB once the driver holds them twice)
 * @param fetchDelayMs         how long an idle processor waits before it polls the store again, in ms (default 100):
 *                             the other app's events reach this one by polling
 * @param cachedEvents         recent events the processors share in memory (default 50; Axon's is 10,000)
 */
@ConfigurationProperties("invoicesync.event-store")
public record EventStoreProperties(Boolean commitOrderedAppends, Integer gapTimeoutMs, Integer gapCleaningThreshold,
                                   Integer batchSize, Long fetchDelayMs, Integer cachedEvents) {

    public EventStoreProperties {
        commitOrderedAppends = commitOrderedAppends == null || commitOrderedAppends;
        gapTimeoutMs = gapTimeoutMs == null ? 60_000 : gapTimeoutMs;
        gapCleaningThreshold = gapCleaningThreshold == null ? 250 : gapCleaningThreshold;
        batchSize = batchSize == null ? 50 : batchSize;
        fetchDelayMs = fetchDelayMs == null ? 100L : fetchDelayMs;
        cachedEvents = cachedEvents == null ? 50 : cachedEvents;
    }
}
