package io.invoicesync.query.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import io.invoicesync.query.support.Tool;
import io.invoicesync.query.tools.ReconcileCommandLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every synced invoice is tied out against its confirmed proforma, automatically; a Finance row changed by hand is a
 * MISMATCH that names the map and the figures, an error of category RECONCILIATION beside the sync's own, and is
 * found again on demand by the API and the {@code reconcile} tool (exit 1); a repaired row reconciles and resolves
 * the errors.
 */
@QuerySideTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationTest extends BothApps {

    private static final Duration SYNC = Duration.ofMinutes(3);

    @Autowired
    DataSource dataSource;

    @Test
    @Order(1)
    void syncedInvoicesReconcileAndAHandChangedRowIsAMismatchForTheApiTheToolAndTheErrors() throws Exception {
        UUID jobId;
        Proformas.Confirmed small;
        Proformas.Confirmed chunked;
        try (AsyncJob job = AsyncJob.run(command)) {
            jobId = UUID.fromString(job.path().substring(job.path().lastIndexOf('/') + 1));
            small = Proformas.confirmed(command, "CUST-REC", 7);
            chunked = Proformas.confirmed(command, "CUST-REC", 1_500);
            for (Proformas.Confirmed invoice : List.of(small, chunked)) {
                await().atMost(SYNC).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
            }
        }
        String jobPath = "/api/integration-jobs/" + jobId;

        // Automatic: each synced invoice is checked and shown in the job's progress and in the invoice's answer.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(jobPath).path("reconciliation").path("RECONCILED").asLong()).isEqualTo(2));
        JsonNode invoice = get(jobPath + "/invoices/" + chunked.invoiceId());
        assertThat(invoice.path("reconciliation").path("status").asString()).isEqualTo("RECONCILED");
        assertThat(invoice.path("reconciliation").path("differences")).isEmpty();
        JsonNode recorded = get("/api/reconciliations?invoiceId=" + small.invoiceId());
        assertThat(recorded.path("totalElements").asLong()).isEqualTo(1);
        assertThat(recorded.path("content").get(0).path("jobId").asString()).isEqualTo(jobId.toString());

        // A Finance user changes an actual's amount by hand, and points a connection at another invoice's actual.
        UUID actual = jdbc.queryForObject("SELECT actual_id FROM finance_actual WHERE invoice_proposal_id = ? "
                + "ORDER BY actual_id LIMIT 1", UUID.class, chunked.invoiceId());
        UUID connection = jdbc.queryForObject("SELECT connection_id FROM finance_transaction_connection "
                + "WHERE invoice_proposal_id = ? ORDER BY connection_id LIMIT 1", UUID.class, chunked.invoiceId());
        UUID itsActual = jdbc.queryForObject("SELECT billed_actual_id FROM finance_transaction_connection "
                + "WHERE connection_id = ?", UUID.class, connection);
        UUID othersActual = jdbc.queryForObject("SELECT actual_id FROM finance_actual WHERE invoice_proposal_id = ? "
                + "LIMIT 1", UUID.class, small.invoiceId());
        jdbc.update("UPDATE finance_actual SET amount = amount + 0.01 WHERE actual_id = ?", actual);
        jdbc.update("UPDATE finance_transaction_connection SET billed_actual_id = ? WHERE connection_id = ?",
                othersActual, connection);

        // On demand, by a Finance reader, for the job: the tampered invoice differs, the other agrees.
        Api.Response run = query.post(Api.FINANCE, "/api/reconciliations", Map.of("jobId", jobId));
        assertThat(run.status()).as(run.body().toString()).isEqualTo(200);
        assertThat(run.body().path("checked").asLong()).isEqualTo(2);
        assertThat(run.body().path("reconciled").asLong()).isEqualTo(1);
        assertThat(run.body().path("mismatched").asLong()).isEqualTo(1);
        JsonNode mismatch = run.body().path("mismatches").get(0);
        assertThat(mismatch.path("invoiceId").asString()).isEqualTo(chunked.invoiceId().toString());
        String total = Proformas.LINE_AMOUNT.multiply(BigDecimal.valueOf(1_500)).toPlainString();
        String changed = Proformas.LINE_AMOUNT.multiply(BigDecimal.valueOf(1_500))
                .add(new BigDecimal("0.01")).toPlainString();
        assertThat(mismatch.path("differences").valueStream()
                .map(d -> d.path("tableMap").asString() + " | " + d.path("check").asString() + " | "
                        + d.path("source").asString() + " | " + d.path("finance").asString()).toList())
                .containsExactlyInAnyOrder(
                        "msdyn_actuals | sum of actual amounts | " + total + " | " + changed,
                        "invoices | proposal total against its actuals | " + total + " | " + changed,
                        "msdyn_transactionconnections | connections whose ends are not this invoice's rows | 0 | 1",
                        "msdyn_actuals | finance_actual content | " + digestsOf(mismatch, "finance_actual content"),
                        "msdyn_transactionconnections | finance_transaction_connection content | "
                                + digestsOf(mismatch, "finance_transaction_connection content"),
                        "msdyn_actuals | finance_actual row " + actual + " | amount=201 | amount=201.01",
                        "msdyn_transactionconnections | finance_transaction_connection row " + connection
                                + " | billed_actual_id=" + itsActual + " | billed_actual_id=" + othersActual);
        assertThat(digestsOf(mismatch, "finance_actual content")).startsWith("1500 rows, digest ")
                .contains(" | 1500 rows, digest ");

        // The mismatch is an error with its own category, one per map that differs, counted with the others.
        JsonNode errors = get(jobPath + "/errors?category=RECONCILIATION&status=OPEN");
        assertThat(errors.path("content").valueStream().map(e -> e.path("tableMap").asString()).toList())
                .containsExactlyInAnyOrder("invoices", "msdyn_actuals", "msdyn_transactionconnections");
        assertThat(errors.path("content").valueStream().map(e -> e.path("cause").asString()))
                .anyMatch(cause -> cause.contains("sum of actual amounts: source " + total + ", Finance " + changed));
        JsonNode progress = get(jobPath);
        assertThat(progress.path("reconciliation").path("MISMATCH").asLong()).isEqualTo(1);
        assertThat(progress.path("openErrors").asLong()).isEqualTo(3);
        assertThat(get(jobPath + "/invoices/" + chunked.invoiceId()).path("reconciliation").path("status")
                .asString()).isEqualTo("MISMATCH");
        // Checked again, the same mismatch refreshes its errors rather than adding more.
        query.post(Api.FINANCE, "/api/reconciliations", Map.of("invoiceId", chunked.invoiceId()));
        assertThat(get(jobPath + "/errors?category=RECONCILIATION").path("totalElements").asLong()).isEqualTo(3);

        // The tool finds the same, exit 1, and names the figures; the untouched invoice agrees, exit 0.
        Map<String, String> database = Map.of("INVOICESYNC_DB_URL", ((HikariDataSource) dataSource).getJdbcUrl(),
                "INVOICESYNC_DB_USER", "postgres");
        Tool.Exit found = Tool.run(database, "reconcile", "--job", jobId.toString());
        assertThat(found.code()).as(found.out() + found.err()).isEqualTo(ReconcileCommandLine.MISMATCH);
        assertThat(found.out()).contains("checked 2 synced invoices", "1 reconciled, 1 mismatched",
                "MISMATCH invoice " + chunked.invoiceId(),
                "msdyn_actuals sum of actual amounts: source " + total + ", Finance " + changed);
        Tool.Exit agreed = Tool.run(database, "reconcile", "--invoice", small.invoiceId().toString(),
                "--since", LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(agreed.code()).as(agreed.out() + agreed.err()).isEqualTo(ReconcileCommandLine.AGREED);
        assertThat(agreed.out()).contains("checked 1 synced invoices", "1 reconciled, 0 mismatched");
        Tool.Exit unknown = Tool.run(database, "reconcile", "--invoice", UUID.randomUUID().toString());
        assertThat(unknown.code()).as(unknown.err()).isEqualTo(ReconcileCommandLine.REFUSED);
        Tool.Exit typo = Tool.run(database, "reconcile", "--jbo", jobId.toString());
        assertThat(typo.code()).isEqualTo(ReconcileCommandLine.ERROR);
        assertThat(typo.err()).contains("unknown option --jbo");

        // Repaired, the invoice reconciles and its reconciliation errors are resolved.
        jdbc.update("UPDATE finance_actual SET amount = amount - 0.01 WHERE actual_id = ?", actual);
        jdbc.update("UPDATE finance_transaction_connection SET billed_actual_id = ? WHERE connection_id = ?",
                itsActual, connection);
        Api.Response again = query.post(Api.ADMIN, "/api/reconciliations", Map.of("invoiceId", chunked.invoiceId()));
        assertThat(again.body().path("reconciled").asLong()).isEqualTo(1);
        assertThat(get(jobPath + "/errors?category=RECONCILIATION&status=RESOLVED").path("totalElements").asLong())
                .isEqualTo(3);
        assertThat(get(jobPath).path("openErrors").asLong()).isZero();
    }

    @Test
    @Order(2)
    void refusalsNameTheFieldAndTheRule() {
        Api.Response unknownInvoice = query.post(Api.FINANCE, "/api/reconciliations",
                Map.of("invoiceId", UUID.randomUUID()));
        assertThat(unknownInvoice.status()).isEqualTo(404);
        Api.Response backwards = query.post(Api.FINANCE, "/api/reconciliations",
                Map.of("since", "2026-11-02", "until", "2026-11-01"));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body().toString()).contains("until", "date-range");
        Api.Response badStatus = query.send(Api.FINANCE, "GET", "/api/reconciliations?status=FINE", null);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body().toString()).contains("reconciliation-status");
        assertThat(query.post(Api.PM, "/api/reconciliations", Map.of()).status()).isEqualTo(403);

        // A draft exists, and is refused as the state it is in, not as unknown.
        UUID draft = Proformas.draft(command, "CUST-REC-DRAFT", 2);
        Api.Response ofADraft = query.post(Api.FINANCE, "/api/reconciliations", Map.of("invoiceId", draft));
        assertThat(ofADraft.status()).as(ofADraft.body().toString()).isEqualTo(409);
        assertThat(ofADraft.body().toString()).contains("invoice-is-confirmed", "not confirmed yet");

        // Confirmed while no job runs (a job has owned the maps, so no real time): it waits for a run, and says so.
        AsyncJob.run(command).close();
        Proformas.Confirmed waiting = Proformas.confirmed(command, "CUST-REC-WAIT", 2);
        Api.Response ofAWaitingOne = query.post(Api.FINANCE, "/api/reconciliations",
                Map.of("invoiceId", waiting.invoiceId()));
        assertThat(ofAWaitingOne.status()).as(ofAWaitingOne.body().toString()).isEqualTo(409);
        assertThat(ofAWaitingOne.body().toString()).contains("invoice-is-synced", "WAITING");

        // An invoice that failed (its customer on hold in Finance) is not synced: nothing to tie out yet.
        query.put(Api.ADMIN, "/api/finance/customers/CUST-REC-HOLD", Map.of("onHold", true, "holdReason", "audit"));
        try (AsyncJob job = AsyncJob.run(command)) {
            Proformas.Confirmed held = Proformas.confirmed(command, "CUST-REC-HOLD", 2);
            await().atMost(SYNC).until(() -> "FAILED".equals(finance.status(held.invoiceId())));
            Api.Response notSynced = query.post(Api.FINANCE, "/api/reconciliations",
                    Map.of("invoiceId", held.invoiceId()));
            assertThat(notSynced.status()).as(notSynced.body().toString()).isEqualTo(409);
            assertThat(notSynced.body().toString()).contains("invoice-is-synced", "FAILED");
            assertThat(job.dismiss(held.invoiceId()).status()).isEqualTo(200);
        } finally {
            query.put(Api.ADMIN, "/api/finance/customers/CUST-REC-HOLD", Map.of("onHold", false));
        }
    }

    /**
     * Changes that leave every count and sum as it was: two lines' amounts swapped, the header text (the proposal's
     * description), a date, a currency and the customer changed, a connection re-pointed at another actual of the
     * same invoice. Each is found, with the row named and the column's two values.
     */
    @Test
    @Order(3)
    void changesThatKeepEveryCountAndSumAreFoundRowByRow() {
        Proformas.Confirmed invoice;
        try (AsyncJob job = AsyncJob.run(command)) {
            invoice = Proformas.confirmed(command, "CUST-ROWS", 4);
            await().atMost(SYNC).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        }
        UUID id = invoice.invoiceId();
        List<UUID> lines = jdbc.queryForList("SELECT line_id FROM finance_invoice_proposal_line "
                + "WHERE invoice_proposal_id = ? ORDER BY line_id", UUID.class, id);
        List<UUID> actuals = jdbc.queryForList("SELECT actual_id FROM finance_actual WHERE invoice_proposal_id = ? "
                + "ORDER BY actual_id", UUID.class, id);
        UUID connection = jdbc.queryForObject("SELECT connection_id FROM finance_transaction_connection "
                + "WHERE invoice_proposal_id = ? AND billed_actual_id = ? AND invoice_line_id IS NOT NULL", UUID.class,
                id, actuals.get(0));
        jdbc.update("UPDATE finance_invoice_proposal_line SET amount = 200 WHERE line_id = ?", lines.get(0));
        jdbc.update("UPDATE finance_invoice_proposal_line SET amount = 202 WHERE line_id = ?", lines.get(1));
        jdbc.update("UPDATE finance_invoice_proposal SET invoice_header_text = 'changed', customer_id = 'CUST-X' "
                + "WHERE invoice_proposal_id = ?", id);
        jdbc.update("UPDATE finance_actual SET document_date = DATE '2026-10-31', currency = 'USD' "
                + "WHERE actual_id = ?", actuals.get(2));
        jdbc.update("UPDATE finance_transaction_connection SET billed_actual_id = ?, transaction1_id = ? "
                + "WHERE connection_id = ?", actuals.get(1), actuals.get(1).toString(), connection);

        Api.Response run = query.post(Api.FINANCE, "/api/reconciliations", Map.of("invoiceId", id));

        assertThat(run.body().path("mismatched").asLong()).as(run.body().toString()).isEqualTo(1);
        List<String> differences = run.body().path("mismatches").get(0).path("differences").valueStream()
                .map(d -> d.path("check").asString() + " | " + d.path("source").asString() + " | "
                        + d.path("finance").asString()).toList();
        assertThat(differences).contains(
                "finance_invoice_proposal_line row " + lines.get(0) + " | amount=201 | amount=200",
                "finance_invoice_proposal_line row " + lines.get(1) + " | amount=201 | amount=202",
                "finance_invoice_proposal row " + id + " | customer_id=CUST-ROWS, invoice_header_text=4 lines"
                        + " | customer_id=CUST-X, invoice_header_text=changed",
                "finance_actual row " + actuals.get(2) + " | currency=EUR, document_date=2026-11-01"
                        + " | currency=USD, document_date=2026-10-31",
                "finance_transaction_connection row " + connection + " | billed_actual_id=" + actuals.get(0)
                        + ", transaction1_id=" + actuals.get(0) + " | billed_actual_id=" + actuals.get(1)
                        + ", transaction1_id=" + actuals.get(1));
        assertThat(differences).noneMatch(d -> d.startsWith("sum of") || d.startsWith("connections whose ends"));
    }

    /** Both sides' digests of one table, as "source | Finance". */
    private static String digestsOf(JsonNode mismatch, String check) {
        return mismatch.path("differences").valueStream().filter(d -> d.path("check").asString().equals(check))
                .map(d -> d.path("source").asString() + " | " + d.path("finance").asString()).findFirst()
                .orElse("no such check");
    }

    private JsonNode get(String path) {
        Api.Response response = query.send(Api.FINANCE, "GET", path, null);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.body();
    }
}
