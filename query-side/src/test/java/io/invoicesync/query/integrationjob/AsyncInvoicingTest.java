package io.invoicesync.query.integrationjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.kernel.sync.InvoiceSyncStarted;
import io.invoicesync.kernel.sync.InvoiceSynced;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.FinanceReader;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Both apps, real PostgreSQL, real HTTP: an integration job takes confirmed proformas to Finance, map by map. */
@QuerySideTest
class AsyncInvoicingTest extends BothApps {

    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(4);

    private void awaitStatus(UUID invoiceId, String status) {
        await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(finance.status(invoiceId)).isEqualTo(status));
    }

    @Test
    void syncsInvoicesOf7_1001And20000LinesMapByMapWhileAReaderWatches() throws Exception {
        try (AsyncJob job = AsyncJob.run(command); FinanceReader reader = new FinanceReader(finance)) {
            List<Proformas.Confirmed> invoices = List.of(Proformas.confirmed(command, "CUST-A", 7),
                    Proformas.confirmed(command, "CUST-B", 1_001), Proformas.confirmed(command, "CUST-C", 20_000));
            for (Proformas.Confirmed invoice : invoices) {
                assertThat(invoice.response().body().path("financeSync").path("mode").asString()).isEqualTo("ASYNC");
                awaitStatus(invoice.invoiceId(), "SYNCED");
            }
            reader.close();

            assertThat(reader.reads()).isGreaterThan(10);
            assertThat(reader.violations()).as("moments a reader saw a row before its parent or map").isZero();
            for (Proformas.Confirmed invoice : invoices) {
                finance.assertSynced(invoice.invoiceId(), invoice.lines());
            }
            JsonNode progress = query.send(Api.FINANCE, "GET", job.path(), null).body();
            assertThat(progress.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(progress.path("tableMaps").valueStream().map(m -> m.path("tableMap").asString()))
                    .containsExactly("invoices", "msdyn_actuals", "msdyn_transactionconnections");
            assertThat(progress.path("tableMaps").valueStream().mapToLong(m -> m.path("pendingRows").asLong()).sum())
                    .isZero();
            assertThat(progress.path("invoices").path("SYNCED").asLong()).isEqualTo(3);
            assertThat(progress.path("throughput").path("rowsPerSecond").asDouble()).isPositive();
        }
    }

    /**
     * An invoice that fits one transaction costs its sync two events (its start, by the coordinator, and its sync, by
     * the Finance group, which wrote every row with it) and no saga; each of its rows names that sync event.
     */
    @Test
    void writesASmallInvoiceWholeWithTwoSyncEventsAndNoSaga() {
        try (AsyncJob job = AsyncJob.run(command)) {
            Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-W", 10);
            awaitStatus(invoice.invoiceId(), "SYNCED");

            finance.assertSyncedExactlyOnce(invoice.invoiceId(), 10);
            List<String> syncEvents = jdbc.queryForList("""
                    SELECT payload_type FROM domain_event_entry WHERE payload_type LIKE 'io.invoicesync.kernel.sync.%'
                    AND convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index""", String.class,
                    "%\"invoiceId\":\"" + invoice.invoiceId() + "\"%");
            assertThat(syncEvents).containsExactly(InvoiceSyncStarted.class.getName(), InvoiceSynced.class.getName());
            String syncedEvent = jdbc.queryForObject("""
                    SELECT event_identifier FROM domain_event_entry WHERE payload_type = ?
                    AND convert_from(payload, 'UTF8') LIKE ?""", String.class, InvoiceSynced.class.getName(),
                    "%\"invoiceId\":\"" + invoice.invoiceId() + "\"%");
            for (String table : List.of("finance_invoice_proposal", "finance_invoice_proposal_line", "finance_actual",
                    "finance_transaction_connection")) {
                assertThat(jdbc.queryForList("SELECT DISTINCT applied_event_id FROM " + table
                        + " WHERE invoice_proposal_id = ?", String.class, invoice.invoiceId()))
                        .as(table + " rows applied by").containsExactly(syncedEvent);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM association_value_entry WHERE association_value = ?",
                    Long.class, invoice.invoiceId().toString())).as("sagas of the invoice").isZero();
        }
    }

    @Test
    void stopPausesMidSyncAndTheNextRunCatchesUpExactlyOnce() {
        // Closed however the test ends: the shared database holds one active job at a time.
        try (AsyncJob job = AsyncJob.run(command)) {
            // Large enough (60 batches) that the stop lands while it syncs, with a few batches in flight at a time.
            Proformas.Confirmed first = Proformas.confirmed(command, "CUST-D", 20_000);
            await().atMost(SYNC_TIMEOUT).until(() -> finance.batches(first.invoiceId()) >= 1);
            job.close();
            Proformas.Confirmed second = Proformas.confirmed(command, "CUST-E", 1_500);
            assertThat(second.response().body().path("financeSync").path("status").asString()).isEqualTo("WAITING");

            await().atMost(SYNC_TIMEOUT).untilAsserted(() -> assertThat(finance.status(first.invoiceId()))
                    .isEqualTo("PAUSED"));
            long appliedWhenPaused = finance.batches(first.invoiceId());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                assertThat(finance.batches(first.invoiceId())).isEqualTo(appliedWhenPaused);
                assertThat(finance.status(second.invoiceId())).isEqualTo("WAITING");
            });
            assertThat(appliedWhenPaused).isLessThan(60);

            job.runAgain();
            awaitStatus(first.invoiceId(), "SYNCED");
            awaitStatus(second.invoiceId(), "SYNCED");

            finance.assertSyncedExactlyOnce(first.invoiceId(), 20_000);
            finance.assertSynced(second.invoiceId(), 1_500);
        }
    }

    @Test
    void anApplicationErrorParksItsInvoiceWhileOthersFlowAndRetryCompletesIt() {
        query.put(Api.ADMIN, "/api/finance/customers/CUST-HOLD",
                Map.of("onHold", true, "holdReason", "credit limit exceeded"));
        try (AsyncJob job = AsyncJob.run(command)) {
            Proformas.Confirmed held = Proformas.confirmed(command, "CUST-HOLD", 10);
            Proformas.Confirmed fine = Proformas.confirmed(command, "CUST-OK", 10);

            awaitStatus(fine.invoiceId(), "SYNCED");
            awaitStatus(held.invoiceId(), "FAILED");
            JsonNode errors = query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body();
            assertThat(errors.path("totalElements").asLong()).isEqualTo(1);
            JsonNode error = errors.path("content").get(0);
            assertThat(error.path("category").asString()).isEqualTo("APPLICATION");
            assertThat(error.path("tableMap").asString()).isEqualTo("invoices");
            assertThat(error.path("cause").asString()).contains("CUST-HOLD is on hold in Finance (credit limit exceeded)");
            assertThat(finance.count("finance_invoice_proposal", held.invoiceId())).isZero();

            query.put(Api.ADMIN, "/api/finance/customers/CUST-HOLD", Map.of("onHold", false));
            assertThat(job.retry().status()).isEqualTo(202);

            awaitStatus(held.invoiceId(), "SYNCED");
            finance.assertSynced(held.invoiceId(), 10);
            assertThat(query.send(Api.FINANCE, "GET", job.path() + "/errors?status=RETRIED", null).body()
                    .path("totalElements").asLong()).isEqualTo(1);
        }
    }

    @Test
    void dismissTakesAFailedInvoiceOffTheErrorListWithoutPurgingIt() {
        query.put(Api.ADMIN, "/api/finance/customers/CUST-BLOCKED", Map.of("onHold", true, "holdReason", "blocked"));
        try (AsyncJob job = AsyncJob.run(command)) {
            Proformas.Confirmed held = Proformas.confirmed(command, "CUST-BLOCKED", 3);
            awaitStatus(held.invoiceId(), "FAILED");

            assertThat(job.dismiss(held.invoiceId()).status()).isEqualTo(200);

            awaitStatus(held.invoiceId(), "DISMISSED");
            assertThat(query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body()
                    .path("totalElements").asLong()).isZero();
            assertThat(query.send(Api.FINANCE, "GET", job.path() + "/errors?status=DISMISSED", null).body()
                    .path("totalElements").asLong()).isEqualTo(1);
        }
    }

    @Test
    void tracesEveryFinanceRowToItsRunBatchAndSourceEvent() {
        try (AsyncJob job = AsyncJob.run(command)) {
            Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-T", 1_200);
            awaitStatus(invoice.invoiceId(), "SYNCED");
            String runId = jdbc.queryForObject("SELECT run_id::text FROM sync_job WHERE job_id = ?::uuid", String.class,
                    job.path().substring(job.path().lastIndexOf('/') + 1));

            JsonNode trace = query.send(Api.FINANCE, "GET",
                    "/api/finance/invoice-proposals/" + invoice.invoiceId() + "/trace", null).body();
            assertThat(trace.path("batches").size()).isEqualTo(6);
            assertThat(trace.path("batches").valueStream().map(b -> b.path("runId").asString())).containsOnly(runId);
            assertThat(trace.path("batches").valueStream().map(b -> b.path("sourceEventId").asString()))
                    .allSatisfy(id -> assertThat(sourcePayloadType(id)).containsAnyOf("BilledActualsCreated",
                            "TransactionsConnected"));

            String actualId = query.send(Api.FINANCE, "GET", "/api/finance/actuals?invoiceProposalId="
                    + invoice.invoiceId() + "&size=1", null).body().path("content").get(0).path("actualId").asString();
            JsonNode row = query.send(Api.FINANCE, "GET", "/api/finance/invoice-proposals/" + invoice.invoiceId()
                    + "/trace?rowId=" + actualId, null).body().path("row");
            assertThat(row.path("table").asString()).isEqualTo("finance_actual");
            assertThat(row.path("runId").asString()).isEqualTo(runId);
            assertThat(sourcePayloadType(row.path("sourceEventId").asString())).contains("BilledActualsCreated");
            assertThat(sourcePayloadType(row.path("appliedEventId").asString())).contains("TableMapBatchApplied");
        }
    }

    @Test
    void pagesFinanceListsAndRefusesAnOversizedPage() {
        Api.Response tooBig = query.send(Api.FINANCE, "GET", "/api/finance/invoice-proposals?size=5000", null);
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.body().path("errors").get(0).path("field").asString()).isEqualTo("size");
        assertThat(query.send(null, "GET", "/api/finance/invoice-proposals", null).status()).isEqualTo(401);
        assertThat(query.send(Api.PM, "GET", "/api/finance/invoice-proposals", null).status()).isEqualTo(403);
    }

    private String sourcePayloadType(String eventId) {
        return jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE event_identifier = ?",
                String.class, eventId);
    }
}
