package io.invoicesync.query.integrationjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * G11 for the coordinator's own step: an invoice whose confirmation the coordinator cannot take (its insert refused,
 * here by a trigger on {@code sync_coordinator_invoice}) is never left with nothing to retry. Before any job ran it is
 * handed to the first run; while a job owns the maps it is that job's failure. Either way it shows in the job's errors
 * list and a retry syncs it.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + CoordinatorFailureTest.DATABASE)
class CoordinatorFailureTest {

    static final String DATABASE = "coordinator_failures";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String HELD = "CUST-COORD-HELD";

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anInvoiceTheCoordinatorCouldNotTakeIsAJobsErrorToRetry() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        jdbc.execute("""
                CREATE FUNCTION refuse_marked_invoices() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.state = 'WAITING' AND NEW.line_count IN (6, 7) THEN
                        RAISE EXCEPTION 'the coordinator cannot keep this invoice (test trigger)';
                    END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER refuse_marked_invoices BEFORE INSERT ON sync_coordinator_invoice "
                + "FOR EACH ROW EXECUTE FUNCTION refuse_marked_invoices()");

        // No job has run: real time refuses the invoice (its customer is on hold) and the coordinator fails on it.
        query.put(Api.ADMIN, "/api/finance/customers/" + HELD, Map.of("onHold", true, "holdReason", "audit"));
        Proformas.Confirmed beforeAnyJob = Proformas.confirmed(command, HELD, 6);
        assertThat(beforeAnyJob.response().body().path("financeSync").path("status").asString())
                .isEqualTo("NOT_SYNCED");
        await().atMost(TIMEOUT).until(() -> coordinatorState(beforeAnyJob.invoiceId()).equals(Optional.of("FAILED")));

        // The first run takes it over as its own failure.
        AsyncJob job = AsyncJob.run(command);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(openErrorOf(query, job, beforeAnyJob.invoiceId()))
                .contains("Failed before any job ran", "the coordinator cannot keep this invoice"));

        // While the job runs, the coordinator fails on another one: the job's failure at once.
        Proformas.Confirmed duringTheRun = Proformas.confirmed(command, "CUST-COORD", 7);
        Proformas.Confirmed healthy = Proformas.confirmed(command, "CUST-COORD", 3);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(openErrorOf(query, job, duringTheRun.invoiceId()))
                    .contains("sync-coordinator could not apply ProformaConfirmed")
                    .contains("the coordinator cannot keep this invoice");
            assertThat(finance.status(healthy.invoiceId())).isEqualTo("SYNCED");
        });

        // Fixed (the trigger gone, the hold released), a retry of each syncs it exactly.
        jdbc.execute("DROP TRIGGER refuse_marked_invoices ON sync_coordinator_invoice");
        query.put(Api.ADMIN, "/api/finance/customers/" + HELD, Map.of("onHold", false));
        await().atMost(TIMEOUT).until(() -> job.retry(beforeAnyJob.invoiceId(), duringTheRun.invoiceId())
                .status() == 202);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(finance.status(beforeAnyJob.invoiceId())).isEqualTo("SYNCED");
            assertThat(finance.status(duringTheRun.invoiceId())).isEqualTo("SYNCED");
        });
        finance.assertSyncedExactlyOnce(beforeAnyJob.invoiceId(), 6);
        finance.assertSyncedExactlyOnce(duringTheRun.invoiceId(), 7);
        finance.assertSyncedExactlyOnce(healthy.invoiceId(), 3);
        assertThat(query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body()
                .path("totalElements").asLong()).isZero();
    }

    private Optional<String> coordinatorState(UUID invoiceId) {
        return jdbc.queryForList("SELECT state FROM sync_coordinator_invoice WHERE invoice_id = ?", String.class,
                invoiceId).stream().findFirst();
    }

    private static String openErrorOf(Api query, AsyncJob job, UUID invoiceId) {
        JsonNode errors = query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body();
        return errors.path("content").valueStream()
                .filter(e -> e.path("invoiceId").asString().equals(invoiceId.toString()))
                .map(e -> e.path("category").asString() + ": " + e.path("cause").asString())
                .findFirst().orElse("none");
    }
}
