package io.invoicesync.query.integrationjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.proforma.PoisonedProformas;
import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.JobErrors;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * G9: invoices whose stored events Finance or the saga cannot take (put straight into the event store, since the
 * edge refuses such values now) are set aside, each for itself, as SYSTEM sync errors with their cause, while every
 * other invoice, confirmed before or after them, reaches Finance exactly. After the fix, a retry drains the invoice
 * exactly once; a dismissal lifts the other.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + PoisonedInvoiceTest.DATABASE)
class PoisonedInvoiceTest {

    static final String DATABASE = "poisoned_invoices";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void setsAPoisonedInvoiceAsideWhileEveryOtherInvoiceFlowsThenRetryDrainsIt() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        AsyncJob job = AsyncJob.run(command);
        long start = System.nanoTime();

        Proformas.Confirmed before = Proformas.confirmed(command, "CUST-P1", 1_500);
        // 21 digits before the point: Finance's quantity columns (NUMERIC(19, 2)) refuse it, "numeric field overflow".
        UUID financePoison = PoisonedProformas.confirm(eventStore, "CUST-P2", 2_500, new BigDecimal("1E+20"));
        // A NUL in the customer: PostgreSQL refuses it as a query parameter when the saga checks the customer's hold
        // (more lines than one transaction takes, so a saga syncs it).
        UUID sagaPoison = PoisonedProformas.confirm(eventStore, "CUST-\u0000", 1_001, new BigDecimal("2.00"));
        // The same, in an invoice the Finance group writes whole: Finance's rules fail there, in its savepoint.
        UUID wholePoison = PoisonedProformas.confirm(eventStore, "CUST-\u0000", 3, new BigDecimal("2.00"));
        Proformas.Confirmed after = Proformas.confirmed(command, "CUST-P3", 1_500);
        Proformas.Confirmed small = Proformas.confirmed(command, "CUST-P4", 5);

        for (Proformas.Confirmed healthy : List.of(before, after, small)) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(finance.status(healthy.invoiceId())).isEqualTo("SYNCED"));
        }
        double healthySeconds = (System.nanoTime() - start) / 1e9;
        for (UUID poisoned : List.of(financePoison, sagaPoison, wholePoison)) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(finance.status(poisoned)).isEqualTo("FAILED"));
        }
        double poisonedSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("PoisonedInvoiceTest: 3 healthy invoices synced in %.1f s; the poisoned ones set aside "
                + "after %.1f s%n", healthySeconds, poisonedSeconds);

        for (Proformas.Confirmed healthy : List.of(before, after, small)) {
            finance.assertSyncedExactlyOnce(healthy.invoiceId(), healthy.lines());
        }
        assertThat(finance.count("finance_invoice_proposal", financePoison)).as("nothing of the refused batch").isZero();
        assertThat(finance.orphans()).isZero();

        JsonNode errors = query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body();
        assertThat(errors.path("content").valueStream().map(e -> e.path("invoiceId").asString()))
                .containsExactlyInAnyOrder(financePoison.toString(), sagaPoison.toString(), wholePoison.toString());
        assertThat(errors.path("content").valueStream().map(e -> e.path("category").asString()))
                .containsOnly("SYSTEM");
        assertThat(JobErrors.causeOf(errors, financePoison)).contains("finance").contains("numeric field overflow");
        assertThat(JobErrors.causeOf(errors, sagaPoison)).contains("invoice-sync").contains("0x00");
        assertThat(JobErrors.causeOf(errors, wholePoison)).contains("finance could not apply InvoiceSyncStarted")
                .contains("0x00");
        JsonNode progress = query.send(Api.FINANCE, "GET", job.path(), null).body();
        assertThat(progress.path("invoices").path("FAILED").asLong()).isEqualTo(3);
        assertThat(progress.path("invoices").path("SYNCED").asLong()).isEqualTo(3);

        // The fix: the operator widens the column that refused the value; then a retry syncs the invoice once.
        jdbc.execute("ALTER TABLE finance_invoice_proposal_line ALTER COLUMN quantity TYPE NUMERIC(30, 2)");
        jdbc.execute("ALTER TABLE finance_actual ALTER COLUMN quantity TYPE NUMERIC(30, 2)");
        assertThat(job.retry(financePoison).status()).isEqualTo(202);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(finance.status(financePoison)).isEqualTo("SYNCED"));
        finance.assertSynced(financePoison, 2_500);
        assertThat(jdbc.queryForObject("SELECT quantity FROM finance_actual WHERE invoice_proposal_id = ? "
                + "ORDER BY quantity DESC LIMIT 1", BigDecimal.class, financePoison))
                .isEqualByComparingTo(new BigDecimal("1E+20"));

        assertThat(job.dismiss(sagaPoison).status()).isEqualTo(200);
        assertThat(job.dismiss(wholePoison).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(List.of(finance.status(sagaPoison), finance.status(wholePoison)))
                        .containsOnly("DISMISSED"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_quarantine", Long.class))
                .as("nothing set aside any more").isZero();
        assertThat(jdbc.queryForList("SELECT status FROM sync_error WHERE invoice_id IN (?, ?, ?) ORDER BY status",
                String.class, financePoison, sagaPoison, wholePoison)).containsExactly("DISMISSED", "DISMISSED",
                "RETRIED");
        // Everything else stayed exactly as it was.
        for (Proformas.Confirmed healthy : List.of(before, after, small)) {
            finance.assertSyncedExactlyOnce(healthy.invoiceId(), healthy.lines());
        }

        // Stopped, with such an invoice waiting: the preflight names it as a cause of its own, never a 500.
        job.close();
        UUID waitingPoison = PoisonedProformas.confirm(eventStore, "CUST-\u0000", 2, new BigDecimal("2.00"));
        await().atMost(TIMEOUT).until(() -> jdbc.queryForList("SELECT state FROM sync_coordinator_invoice "
                + "WHERE invoice_id = ?", String.class, waitingPoison).contains("WAITING"));
        Api.Response preflight = query.post(Api.FINANCE, job.path() + "/preflight", "");
        assertThat(preflight.status()).as(preflight.body().toString()).isEqualTo(200);
        assertThat(preflight.body().path("causes").valueStream().filter(c -> c.path("rule").asString()
                .equals("finance-cannot-check")).findFirst().orElseThrow().path("message").asString())
                .contains(waitingPoison.toString(), "0x00", "set it aside");
    }
}
