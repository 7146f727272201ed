package io.invoicesync.command.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An integration job made, saved and run through the API, so that confirms above 1,000 lines go async. */
public final class AsyncJob implements AutoCloseable {

    private final Api api;
    private final String path;

    private AsyncJob(Api api, String path) {
        this.api = api;
        this.path = path;
    }

    public static AsyncJob run(Api api) {
        String path = "/api/integration-jobs/" + saved(api, "Async invoicing");
        require(api.post(Api.ADMIN, path + "/run", ""), 202);
        return new AsyncJob(api, path);
    }

    /** A job made and saved with the three maps, its prerequisites met, not run: answers its id. */
    public static UUID saved(Api api, String name) {
        api.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "ON_DEMAND_UPDATE",
                "projectActualValuesTracking", "ON_DEMAND_UPDATE"));
        api.put(Api.ADMIN, "/api/dual-write/core-solution", Map.of("version", "1.0.24093.1"));
        Api.Response created = api.post(Api.ADMIN, "/api/integration-jobs", Map.of("name", name));
        require(created, 201);
        String path = "/api/integration-jobs/" + created.text("jobId");
        for (String map : List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections")) {
            require(api.post(Api.ADMIN, path + "/table-maps", Map.of("tableMap", map)), 200);
        }
        require(api.post(Api.ADMIN, path + "/save", ""), 200);
        return UUID.fromString(created.text("jobId"));
    }

    /** Runs the job again after a stop: a new run that catches up first. */
    public void runAgain() {
        require(api.post(Api.ADMIN, path + "/run", ""), 202);
    }

    public Api.Response pause() {
        return api.post(Api.ADMIN, path + "/pause", "");
    }

    public Api.Response resume() {
        return api.post(Api.ADMIN, path + "/resume", "");
    }

    /** Retries failed invoices (all of them when none are named): 202 once the command side knows they failed. */
    public Api.Response retry(UUID... invoiceIds) {
        return onceFailuresAreKnown("/errors/retry", 202, invoiceIds);
    }

    /** Dismisses failed invoices (all of them when none are named): 200 once the command side knows they failed. */
    public Api.Response dismiss(UUID... invoiceIds) {
        return onceFailuresAreKnown("/errors/dismiss", 200, invoiceIds);
    }

    /**
     * The command side reads failures from the event store a moment after the query side reports them
     * (FailedInvoicesLedger); until then it refuses to retry or dismiss them (409/422). Asks again for up to 30 s.
     */
    private Api.Response onceFailuresAreKnown(String action, int accepted, UUID[] invoiceIds) {
        Object body = invoiceIds.length == 0 ? "" : Map.of("invoiceIds", List.of(invoiceIds));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Api.Response response = api.post(Api.ADMIN, path + action, body);
            boolean notYetKnown = response.status() == 409 || response.status() == 422;
            if (response.status() == accepted || !notYetKnown || System.nanoTime() > deadline) {
                return response;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    public String path() {
        return path;
    }

    /** Stops the job if it is running (a test may have stopped it already). */
    @Override
    public void close() {
        Api.Response stopped = api.post(Api.ADMIN, path + "/stop", "");
        if (stopped.status() != 200 && stopped.status() != 409) {
            throw new IllegalStateException("Could not stop " + path + ": " + stopped.body());
        }
    }

    private static void require(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Expected " + status + " but got " + response.status() + ": "
                    + response.body());
        }
    }
}
