package io.invoicesync.kernel.sync;

/**
 * Which invoices Finance writes whole, in one transaction with the event that says they are synced: those real time
 * would take (at most {@link RealTimeSyncWithinLimit#MAX_REAL_TIME_LINES} lines, one chunk of the confirmation). A
 * larger invoice goes batch by batch under a saga, so that no transaction holds a hundred thousand rows and a stop
 * halts it within a few batches.
 */
public record FitsOneTransaction(int lineCount) {

    public boolean holds() {
        return lineCount <= RealTimeSyncWithinLimit.MAX_REAL_TIME_LINES;
    }
}
