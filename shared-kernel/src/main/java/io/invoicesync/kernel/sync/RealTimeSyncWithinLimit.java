package io.invoicesync.kernel.sync;

import io.invoicesync.kernel.rules.BusinessRule;

/**
 * Real-time dual-write syncs a confirmed proforma inside the confirm request and, as in Project Operations, refuses
 * more than 1,000 lines. Once an async integration job owns the table maps (running, or stopped and waiting for its
 * next run) there is no limit. One rule for both sides: the command side checks it at confirmation, the query side
 * again when asked to sync an invoice in real time.
 *
 * @param field the request field the refusal names: the lines at confirmation, the invoice id in a sync request
 */
public record RealTimeSyncWithinLimit(String field, boolean asyncJobOwnsMaps, int lineCount) implements BusinessRule {

    public static final int MAX_REAL_TIME_LINES = 1_000;

    @Override
    public boolean isBroken() {
        return !asyncJobOwnsMaps && lineCount > MAX_REAL_TIME_LINES;
    }

    @Override
    public String message() {
        return "This proforma has " + lineCount + " lines; real-time sync to Finance takes at most "
                + MAX_REAL_TIME_LINES + ". Create an asynchronous integration job with the invoices, msdyn_actuals "
                + "and msdyn_transactionconnections table maps, save and run it (POST /api/integration-jobs), then "
                + "confirm again";
    }
}
