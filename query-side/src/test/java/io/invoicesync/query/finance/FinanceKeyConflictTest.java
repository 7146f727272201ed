package io.invoicesync.query.finance;

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
 * G11 at the Finance writers: a write skips a row only when the row already there is the same one. A different row
 * under one of an invoice's keys (planted by hand, or written for another invoice that shares a line id, as events
 * from before line ids were unique across invoices can) fails that invoice, loudly, as a SYSTEM error naming the
 * table, the key and the invoice that holds it, in real time as in a job; every other invoice flows, and nothing is
 * left half-written.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + FinanceKeyConflictTest.DATABASE)
class FinanceKeyConflictTest {

    static final String DATABASE = "finance_key_conflicts";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void aRowUnderAnInvoicesKeyThatIsNotItsOwnFailsThatInvoiceAndNamesTheHolder() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);

        // Real time (no job has run): a planted line under one of the invoice's line ids refuses the sync, whole.
        UUID realTime = Proformas.draft(command, "CUST-RT", 3);
        UUID squatter = plantProposal("CUST-SQUATTER");
        UUID realTimeLine = lineIdsOf(realTime).get(1);
        plantLine(realTimeLine, squatter);
        Api.Response confirmed = command.post(Api.PM, "/api/proformas/" + realTime + "/confirm", "");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().path("financeSync").path("status").asString()).isEqualTo("NOT_SYNCED");
        assertThat(confirmed.body().path("financeSync").path("detail").asString())
                .contains("finance_invoice_proposal_line row " + realTimeLine + " is held by invoice " + squatter);
        assertThat(finance.count("finance_invoice_proposal", realTime)).as("nothing half-written").isZero();

        AsyncJob job = AsyncJob.run(command);

        // Two proformas sharing line ids, written before ids were unique across invoices: one gets its rows, the
        // other fails for the shared keys; neither is silently short.
        UUID shared1 = UUID.randomUUID();
        UUID shared2 = UUID.randomUUID();
        UUID first = PoisonedProformas.confirmWithLineIds(eventStore, "CUST-OLD-1",
                List.of(UUID.randomUUID(), shared1, shared2));
        UUID second = PoisonedProformas.confirmWithLineIds(eventStore, "CUST-OLD-2",
                List.of(shared1, shared2, UUID.randomUUID()));
        // A planted proposal header with other content under an invoice's own id.
        UUID planted = Proformas.draft(command, "CUST-HEADER", 2);
        plantProposal(planted, "SOMEONE-ELSE");
        assertThat(command.post(Api.PM, "/api/proformas/" + planted + "/confirm", "").status()).isEqualTo(200);
        Proformas.Confirmed healthy = Proformas.confirmed(command, "CUST-HEALTHY", 1_500);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(finance.status(healthy.invoiceId())).isEqualTo("SYNCED");
            assertThat(List.of(finance.status(first), finance.status(second)))
                    .containsExactlyInAnyOrder("SYNCED", "FAILED");
            assertThat(finance.status(planted)).isEqualTo("FAILED");
            assertThat(finance.status(realTime)).isEqualTo("FAILED");
        });
        finance.assertSyncedExactlyOnce(healthy.invoiceId(), healthy.lines());
        UUID winner = finance.status(first).equals("SYNCED") ? first : second;
        UUID loser = winner.equals(first) ? second : first;
        finance.assertSynced(winner, 3);
        assertThat(finance.count("finance_invoice_proposal_line", loser)).as("the loser's batch rolled back whole")
                .isZero();

        JsonNode errors = query.send(Api.FINANCE, "GET", job.path() + "/errors?status=OPEN", null).body();
        assertThat(errors.path("content").valueStream().map(e -> e.path("category").asString())).containsOnly("SYSTEM");
        assertThat(JobErrors.causeOf(errors, loser)).containsPattern("finance_invoice_proposal_line row ("
                + shared1 + "|" + shared2 + ") is held by invoice " + winner + "; invoice " + loser);
        assertThat(JobErrors.causeOf(errors, planted)).contains("finance_invoice_proposal row " + planted + " of invoice "
                + planted + " is already in Finance with other content");
        assertThat(JobErrors.causeOf(errors, realTime)).contains("finance_invoice_proposal_line row " + realTimeLine
                + " is held by invoice " + squatter);

        // The fix is the operator's (remove the planted rows); a retry then syncs both invoices exactly.
        jdbc.update("DELETE FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?", squatter);
        jdbc.update("DELETE FROM finance_invoice_proposal WHERE invoice_proposal_id IN (?, ?)", squatter, planted);
        assertThat(job.retry(realTime, planted).status()).isEqualTo(202);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(finance.status(realTime)).isEqualTo("SYNCED");
            assertThat(finance.status(planted)).isEqualTo("SYNCED");
        });
        // Synced, not "exactly once": the failed attempt published its first batch before the retry did again.
        finance.assertSynced(realTime, 3);
        finance.assertSynced(planted, 2);
        assertThat(finance.orphans()).isZero();
    }

    private List<UUID> lineIdsOf(UUID invoiceId) {
        return jdbc.queryForList("SELECT line_id FROM invoice_line_key WHERE invoice_id = ? ORDER BY line_id",
                UUID.class, invoiceId);
    }

    private UUID plantProposal(String customerId) {
        UUID id = UUID.randomUUID();
        plantProposal(id, customerId);
        return id;
    }

    private void plantProposal(UUID invoiceId, String customerId) {
        jdbc.update("""
                INSERT INTO finance_invoice_proposal (invoice_proposal_id, project_contract_id, customer_id,
                    sales_currency, invoice_date, line_count, total_amount, sync_mode, batch_number, source_event_id,
                    applied_event_id, applied_at)
                VALUES (?, 'PC-HAND', ?, 'EUR', DATE '2026-11-24', 1, 201, 'REAL_TIME', 1, 'by hand', 'by hand', now())""",
                invoiceId, customerId);
    }

    private void plantLine(UUID lineId, UUID invoiceId) {
        jdbc.update("""
                INSERT INTO finance_invoice_proposal_line (line_id, invoice_proposal_id, transaction_class, quantity,
                    unit_price, amount, transaction_date, batch_number, source_event_id, applied_event_id, applied_at)
                VALUES (?, ?, 'TIME', 2, 100.5, 201, DATE '2026-11-01', 1, 'by hand', 'by hand', now())""",
                lineId, invoiceId);
    }
}
