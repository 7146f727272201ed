package io.invoicesync.query.integrationjob.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An operator ahead of trouble, in a world of its own: a preflight names, before the run and writing nothing, the
 * invoices a customer hold will stop, grouped by customer; the run then fails exactly those, and the errors view
 * groups them the same way, with the fix (release the hold) and all the invoice ids to retry at once.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + OperatorsTest.DATABASE)
class OperatorsTest {

    static final String DATABASE = "operators";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;

    /**
     * A pause keeps the run and its queue: what is confirmed meanwhile waits for this job (never real time), the job
     * shows how much waits, and the resume goes on with the same run, estimates the catch-up at the job's pace before
     * the pause and then says it was met or how late it came.
     */
    @Test
    void aPausedJobQueuesWhatIsConfirmedAndItsResumeEstimatesTheCatchUpAndSaysWhetherItWasMet() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        // The console passes actions to the command side; in this JVM it listens on a port chosen at start.
        System.setProperty("invoicesync.command-side.url", "http://localhost:" + CommandSide.port(DATABASE, queryPort));
        try (AsyncJob job = AsyncJob.run(command)) {
            pauseAndResume(command, query, finance, job);
        }
    }

    private void pauseAndResume(Api command, Api query, FinanceChecks finance, AsyncJob job) {
        UUID before = Proformas.confirmed(command, "CUST-OPS-PAUSE", 5).invoiceId();
        await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(before)));
        String console = job.path().replace("/api/", "/api/console/");

        assertThat(query.post(Api.FINANCE, console + "/pause", "").status()).as("a reader may not").isEqualTo(403);
        Api.Response paused = query.post(Api.ADMIN, console + "/pause", "");
        assertThat(paused.status()).as(paused.body().toString()).isEqualTo(200);
        assertThat(paused.body().path("status").asString()).isEqualTo("PAUSED");
        assertThat(job.pause().status()).as("paused already").isEqualTo(409);
        assertThat(command.post(Api.ADMIN, job.path() + "/run", "").body().path("detail").asString())
                .contains("paused; resume it");
        // What already waits (another test's leftovers in this database would be taken by the resume too).
        await().atMost(TIMEOUT).until(() -> "PAUSED".equals(query.send(Api.FINANCE, "GET", job.path(), null).body()
                .path("status").asString()));
        JsonNode alreadyWaiting = query.send(Api.FINANCE, "GET", job.path(), null).body().path("waiting");
        List<UUID> queued = Stream.of(4, 4, 4)
                .map(lines -> Proformas.confirmed(command, "CUST-OPS-PAUSE", lines).invoiceId()).toList();
        long invoicesQueued = alreadyWaiting.path("invoices").asLong() + 3;
        long rowsQueued = alreadyWaiting.path("rows").asLong() + 3 * (1 + 4 + 4 + 8);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode progress = query.send(Api.FINANCE, "GET", job.path(), null).body();
            assertThat(progress.path("status").asString()).isEqualTo("PAUSED");
            assertThat(progress.path("pausedAt").isNull()).isFalse();
            assertThat(progress.path("waiting").path("invoices").asLong()).isEqualTo(invoicesQueued);
            assertThat(progress.path("waiting").path("rows").asLong()).isEqualTo(rowsQueued);
        });
        // A paused job keeps the maps: the confirmations queue for it rather than sync in real time.
        assertThat(queued).allSatisfy(invoice -> assertThat(finance.status(invoice)).isEqualTo("WAITING"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM finance_invoice_proposal WHERE invoice_proposal_id = ANY "
                + "(?)", Long.class, (Object) queued.toArray(UUID[]::new))).isZero();

        Api.Response resumed = query.post(Api.ADMIN, console + "/resume", "");

        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
        assertThat(resumed.body().path("status").asString()).isEqualTo("ACTIVE");
        queued.forEach(invoice -> await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice))));
        queued.forEach(invoice -> finance.assertSynced(invoice, 4));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode catchUp = query.send(Api.FINANCE, "GET", job.path(), null).body().path("catchUp");
            assertThat(catchUp.path("invoices").asLong()).isEqualTo(invoicesQueued);
            assertThat(catchUp.path("rows").asLong()).isEqualTo(rowsQueued);
            assertThat(catchUp.path("rowsPerSecond").asDouble()).as("the job's pace before the pause").isPositive();
            assertThat(catchUp.path("estimatedSeconds").isIntegralNumber()).isTrue();
            assertThat(catchUp.path("caughtUpAt").isNull()).isFalse();
            assertThat(catchUp.path("outcome").asString()).isIn("MET", "LATE");
            assertThat(catchUp.path("left").path("invoices").asLong()).isZero();
        });
        JsonNode progress = query.send(Api.FINANCE, "GET", job.path(), null).body();
        assertThat(progress.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(progress.path("waiting").path("invoices").asLong()).isZero();
        JsonNode catchUp = progress.path("catchUp");
        assertThat(Instant.parse(catchUp.path("caughtUpAt").asString()))
                .isAfterOrEqualTo(Instant.parse(catchUp.path("resumedAt").asString()));
        // One run throughout, its pause and resume in the activity, by whom.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(query.send(Api.FINANCE, "GET",
                job.path() + "/activity", null).body().path("content").findValuesAsString("action"))
                .startsWith("RESUME", "PAUSE"));
        assertThat(query.send(Api.FINANCE, "GET", job.path() + "/runs", null).body().size()).isOne();
        JsonNode pauseActivity = query.send(Api.FINANCE, "GET", job.path() + "/activity", null).body()
                .path("content").get(1);
        assertThat(pauseActivity.path("user").asString()).isEqualTo("admin");
        assertThat(pauseActivity.path("runId").asString()).isEqualTo(progress.path("runId").asString());
        assertThat(job.resume().status()).as("resumed already").isEqualTo(409);
    }

    @Test
    void anAdminRepairsOneSyncedInvoiceFromItsEventsWhileTheJobRunsAndTheActivitySaysWhoAndWhy() throws Exception {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        AsyncJob job = AsyncJob.run(command);
        UUID invoice = Proformas.confirmed(command, "CUST-OPS-RESYNC", 5).invoiceId();
        await().atMost(TIMEOUT).until(() -> "RECONCILED".equals(jdbc.queryForList(
                "SELECT status FROM sync_reconciliation WHERE invoice_id = ?", String.class, invoice).stream()
                .findFirst().orElse("")));
        long traced = jdbc.queryForObject("SELECT count(*) FROM sync_batch WHERE invoice_id = ?", Long.class, invoice);
        // Hands in Finance: every actual's amount changed, one connection deleted.
        jdbc.update("UPDATE finance_actual SET amount = amount + 1 WHERE invoice_proposal_id = ?", invoice);
        jdbc.update("DELETE FROM finance_transaction_connection WHERE connection_id = (SELECT connection_id FROM "
                + "finance_transaction_connection WHERE invoice_proposal_id = ? LIMIT 1)", invoice);
        assertThat(query.post(Api.FINANCE, "/api/reconciliations", Map.of("invoiceId", invoice)).body()
                .path("mismatched").asInt()).isEqualTo(1);
        String resync = job.path() + "/invoices/" + invoice + "/resync";

        assertThat(query.post(Api.FINANCE, resync, Map.of("reason", "a reader may not")).status()).isEqualTo(403);
        Api.Response blank = query.post(Api.ADMIN, resync, Map.of("reason", " "));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.body().toString()).contains("reason");
        assertThat(query.post(Api.ADMIN, "/api/integration-jobs/" + UUID.randomUUID() + "/invoices/" + invoice
                + "/resync", Map.of("reason", "another job's")).status()).isEqualTo(404);

        Api.Response repaired = query.post(Api.ADMIN, resync, Map.of("reason", "actuals edited by hand"));

        assertThat(repaired.status()).as(repaired.body().toString()).isEqualTo(200);
        assertThat(repaired.body().path("rowsDeleted").asInt()).isEqualTo(1 + 5 + 5 + 10 - 1);
        assertThat(repaired.body().path("rowsWritten").asLong()).isEqualTo(1 + 5 + 5 + 10);
        assertThat(repaired.body().path("reconciliation").path("status").asString()).isEqualTo("RECONCILED");
        finance.assertSynced(invoice, 5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_batch WHERE invoice_id = ?", Long.class, invoice))
                .as("the trace is the batches that first brought the rows").isEqualTo(traced);
        // The Finance group records the action from its event, a moment after the answer.
        await().atMost(TIMEOUT).until(() -> "RESYNC".equals(query.send(Api.FINANCE, "GET", job.path() + "/activity",
                null).body().path("content").get(0).path("action").asString()));
        JsonNode latest = query.send(Api.FINANCE, "GET", job.path() + "/activity", null).body().path("content").get(0);
        assertThat(latest.path("user").asString()).isEqualTo("admin");
        assertThat(latest.path("reason").asString()).isEqualTo("actuals edited by hand");
        assertThat(latest.path("invoiceIds").get(0).asString()).isEqualTo(invoice.toString());
        String csv = query.getText(Api.FINANCE, job.path() + "/activity.csv");
        assertThat(csv).startsWith("occurred_at_utc,action,user,run_id,invoice_count,invoice_ids,reason\r\n")
                .contains(",RESYNC,admin,,1," + invoice + ",actuals edited by hand\r\n", ",RUN,admin,");

        // Each invoice and error carries what an operator knows it by; a search finds it by customer.
        JsonNode listed = query.send(Api.FINANCE, "GET", job.path() + "/invoices?search=cust-ops-resync", null).body();
        assertThat(listed.path("totalElements").asInt()).isEqualTo(1);
        JsonNode context = listed.path("content").get(0).path("context");
        assertThat(context.path("customerId").asString()).isEqualTo("CUST-OPS-RESYNC");
        assertThat(context.path("currency").asString()).isEqualTo("EUR");
        assertThat(context.path("totalAmount").decimalValue()).isPositive();
        assertThat(context.path("invoiceDate").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(query.send(Api.FINANCE, "GET", job.path() + "/invoices?search=" + invoice.toString()
                .substring(0, 8), null).body().path("content").get(0).path("invoiceId").asString())
                .isEqualTo(invoice.toString());
        assertThat(query.send(Api.FINANCE, "GET", job.path() + "/invoices?search=nobody%25", null).body()
                .path("totalElements").asInt()).as("a % is a character, not a wildcard").isZero();
        // Invoices confirmed before the columns existed get them from their confirmation in the event store: the
        // migration's own statement, run again over this invoice with its context taken away, gives it back.
        String migration = new String(getClass().getResourceAsStream("/db/query/V13__invoice_business_context.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        String backfill = migration.replaceAll("(?s).*?(UPDATE sync_invoice.*?;).*", "$1");
        jdbc.update("UPDATE sync_invoice SET customer_id = NULL, total_amount = NULL, invoice_date = NULL "
                + "WHERE invoice_id = ?", invoice);
        jdbc.update(backfill);
        assertThat(jdbc.queryForMap("SELECT customer_id, total_amount, invoice_date::text AS invoice_date "
                + "FROM sync_invoice WHERE invoice_id = ?", invoice)).containsEntry("customer_id", "CUST-OPS-RESYNC")
                .containsEntry("invoice_date", context.path("invoiceDate").asString())
                .hasEntrySatisfying("total_amount", amount -> assertThat((BigDecimal) amount)
                        .isEqualByComparingTo(context.path("totalAmount").decimalValue()));

        // An invoice that is not synced (here: failed, its customer on hold) is refused, nothing written.
        query.put(Api.ADMIN, "/api/finance/customers/CUST-OPS-RESYNC-HELD", Map.of("onHold", true));
        UUID failed = Proformas.confirmed(command, "CUST-OPS-RESYNC-HELD", 2).invoiceId();
        await().atMost(TIMEOUT).until(() -> "FAILED".equals(finance.status(failed)));
        Api.Response refused = query.post(Api.ADMIN, job.path() + "/invoices/" + failed + "/resync",
                Map.of("reason", "try"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("detail").asString()).contains("FAILED", "retry a failed one");
        JsonNode error = query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body()
                .path("content").get(0);
        assertThat(error.path("context").path("customerId").asString()).isEqualTo("CUST-OPS-RESYNC-HELD");
        job.close();

        // The job's runs: who ran and stopped it, what it wrote and synced, the errors it met.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode run = query.send(Api.FINANCE, "GET", job.path() + "/runs", null).body().get(0);
            assertThat(run.path("startedBy").asString()).isEqualTo("admin");
            assertThat(run.path("stoppedBy").asString()).isEqualTo("admin");
            assertThat(run.path("rows").asLong()).isGreaterThanOrEqualTo(1 + 5 + 5 + 10);
            assertThat(run.path("invoicesSynced").asLong()).isOne();
            assertThat(run.path("errors").asLong()).isOne();
            assertThat(run.path("pace").size()).isIn(0, 30);
        });
    }

    @Test
    void aPreflightNamesWhatTheRunWillMeetAndTheErrorsAreGroupedAndFixedByCause() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        // A job has run (it owns the maps) and is stopped: what is confirmed now waits for its next run.
        AsyncJob job = AsyncJob.run(command);
        job.close();
        query.put(Api.ADMIN, "/api/finance/customers/CUST-OPS-CREDIT", Map.of("onHold", true, "holdReason", "credit"));
        query.put(Api.ADMIN, "/api/finance/customers/CUST-OPS-AUDIT", Map.of("onHold", true, "holdReason", "audit"));
        List<UUID> credit = Stream.of(2, 3, 4).map(n -> Proformas.confirmed(command, "CUST-OPS-CREDIT", n).invoiceId())
                .toList();
        UUID audit = Proformas.confirmed(command, "CUST-OPS-AUDIT", 2).invoiceId();
        List<UUID> fine = Stream.of(5, 6).map(n -> Proformas.confirmed(command, "CUST-OPS-FINE", n).invoiceId())
                .toList();
        await().atMost(TIMEOUT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM sync_coordinator_invoice WHERE state = 'WAITING'", Integer.class) == 6);
        long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        Api.Response preflight = query.post(Api.FINANCE, job.path() + "/preflight", "");

        assertThat(preflight.status()).as(preflight.body().toString()).isEqualTo(200);
        JsonNode report = preflight.body();
        assertThat(report.path("invoicesToSync").asInt()).isEqualTo(6);
        assertThat(report.path("invoicesThatWouldFail").asInt()).isEqualTo(4);
        // The two that pass: a proposal, its lines, actuals and two connections a line.
        assertThat(report.path("rowsToWrite").asLong()).isEqualTo(2 + 4L * (5 + 6));
        assertThat(report.path("causes").size()).isEqualTo(2);
        JsonNode first = report.path("causes").get(0);
        assertThat(first.path("rule").asString()).isEqualTo("customer-is-not-on-hold");
        assertThat(first.path("subject").asString()).isEqualTo("CUST-OPS-CREDIT");
        assertThat(first.path("message").asString()).contains("CUST-OPS-CREDIT is on hold in Finance (credit)");
        assertThat(first.path("invoices").asInt()).isEqualTo(3);
        assertThat(first.path("invoiceIds").valueStream().map(id -> UUID.fromString(id.asString())))
                .containsExactlyInAnyOrderElementsOf(credit);
        assertThat(report.path("causes").get(1).path("subject").asString()).isEqualTo("CUST-OPS-AUDIT");
        assertThat(report.path("complete").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("a preflight writes nothing").isEqualTo(eventsBefore);
        assertThat(query.post(Api.FINANCE, "/api/integration-jobs/" + UUID.randomUUID() + "/preflight", "").status())
                .isEqualTo(404);

        // The run meets exactly that.
        job.runAgain();
        for (UUID invoice : fine) {
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
        }
        for (UUID invoice : Stream.concat(credit.stream(), Stream.of(audit)).toList()) {
            await().atMost(TIMEOUT).until(() -> "FAILED".equals(finance.status(invoice)));
        }

        JsonNode groups = query.send(Api.FINANCE, "GET", job.path() + "/errors/groups", null).body();
        assertThat(groups.path("status").asString()).isEqualTo("OPEN");
        assertThat(groups.path("groups").size()).isEqualTo(2);
        JsonNode creditGroup = groups.path("groups").get(0);
        assertThat(creditGroup.path("category").asString()).isEqualTo("APPLICATION");
        assertThat(creditGroup.path("tableMap").asString()).isEqualTo("invoices");
        assertThat(creditGroup.path("subject").asString()).isEqualTo("CUST-OPS-CREDIT");
        assertThat(creditGroup.path("invoices").asInt()).isEqualTo(3);
        assertThat(creditGroup.path("errors").asInt()).isEqualTo(3);
        assertThat(creditGroup.path("firstFailedAt").asString()).isNotBlank();
        assertThat(creditGroup.path("lastFailedAt").asString()).isNotBlank();
        assertThat(creditGroup.path("fix").path("action").asString()).isEqualTo("release-customer-hold");
        assertThat(creditGroup.path("fix").path("path").asString()).isEqualTo("/api/finance/customers/CUST-OPS-CREDIT");
        List<UUID> ids = creditGroup.path("invoiceIds").valueStream().map(id -> UUID.fromString(id.asString())).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(credit);

        // Fixed once, retried as one group: its three invoices sync, the other cause stays open.
        query.put(Api.ADMIN, creditGroup.path("fix").path("path").asString(), Map.of("onHold", false));
        assertThat(job.retry(ids.toArray(UUID[]::new)).status()).isEqualTo(202);
        for (UUID invoice : credit) {
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
        }
        JsonNode left = query.send(Api.FINANCE, "GET", job.path() + "/errors/groups", null).body();
        assertThat(left.path("groups").size()).isEqualTo(1);
        assertThat(left.path("groups").get(0).path("subject").asString()).isEqualTo("CUST-OPS-AUDIT");
        assertThat(query.send(Api.FINANCE, "GET", job.path() + "/errors/groups?status=RETRIED", null).body()
                .path("groups").get(0).path("invoices").asInt()).isEqualTo(3);
        assertThat(query.send(Api.FINANCE, "GET", job.path() + "/errors/groups?status=SOMETIMES", null).status())
                .isEqualTo(422);
        job.close();
    }
}
