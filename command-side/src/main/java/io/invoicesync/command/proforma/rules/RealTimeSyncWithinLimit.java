package io.invoicesync.command.proforma.rules;

import io.invoicesync.kernel.rules.BusinessRule;

/**
 * Real-time dual-write syncs a confirmed proforma inside the confirm request and, as in Project Operations, refuses
 * more than 1,000 lines. Once an async integration job owns the table maps (running, or stopped and waiting for its
 * next run) there is no limit.
 */
public record RealTimeSyncWithinLimit(boolean asyncJobOwnsMaps, int lineCount) implements BusinessRule {

    public static final int MAX_REAL_TIME_LINES = 1_000;

    @Override
    public boolean isBroken() {
        return !asyncJobOwnsMaps && lineCount > MAX_REAL_TIME_LINES;
    }

    @Override
    public String field() {
        return "lines";
    }

    @Override
    public String message() {
        return "This proforma has " + lineCount + " lines; real-time sync to Finance takes at most "
                + MAX_REAL_TIME_LINES + ". Create an asynchronous integration job with the invoices, msdyn_actuals "
                + "and msdyn_transactionconnections table maps, save and run it (POST /api/integration-jobs), then "
                + "confirm again";
    }
}
