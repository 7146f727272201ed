package io.invoicesync.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read endpoints the console and people need: jobs, a job's invoices and activity, proformas read back. */
@QuerySideTest
class ReadApiTest extends BothApps {

    @Test
    void listsJobsNewestFirstPagedAndTheirActivityWithWhoAndWhen() {
        AsyncJob first = AsyncJob.run(command);
        first.close();
        AsyncJob second = AsyncJob.run(command);
        second.close();

        // The list is a projection of the jobs' events: it shows them a moment after the commands were answered.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = query.send(Api.FINANCE, "GET", "/api/integration-jobs?size=1", null).body();
            assertThat(page.path("size").asInt()).isEqualTo(1);
            assertThat(page.path("content")).hasSize(1);
            assertThat(page.path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
            assertThat("/api/integration-jobs/" + page.path("content").get(0).path("jobId").asString())
                    .isEqualTo(second.path());
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stopped = query.send(Api.FINANCE, "GET", "/api/integration-jobs?status=STOPPED&size=1000", null)
                    .body();
            assertThat(stopped.path("content").valueStream().map(j -> "/api/integration-jobs/" + j.path("jobId")
                    .asString())).contains(first.path(), second.path());
            assertThat(stopped.path("content").valueStream().map(j -> j.path("status").asString()))
                    .containsOnly("STOPPED");
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(query.send(Api.FINANCE, "GET",
                second.path() + "/activity", null).body().path("totalElements").asLong()).isEqualTo(4));
        JsonNode activity = query.send(Api.FINANCE, "GET", second.path() + "/activity", null).body();
        assertThat(activity.path("content").valueStream().map(a -> a.path("action").asString()))
                .containsExactly("STOP", "RUN", "SAVED", "CREATED");
        assertThat(activity.path("content").valueStream().map(a -> a.path("user").asString())).containsOnly("admin");
        assertThat(activity.path("content").get(0).path("at").asString()).isNotBlank();
        assertThat(activity.path("content").get(0).path("runId").asString())
                .isEqualTo(activity.path("content").get(1).path("runId").asString()).isNotBlank();
    }

    @Test
    void pagingLimitsFiltersAndUnknownIdsAreRefusedByName() {
        assertRefused("/api/integration-jobs?size=0", 422, "size");
        assertRefused("/api/integration-jobs?size=1001", 422, "size");
        assertRefused("/api/integration-jobs?page=-1", 422, "page");
        assertRefused("/api/integration-jobs?status=RUNNING", 422, "status");
        UUID unknown = UUID.randomUUID();
        assertRefused("/api/integration-jobs/" + unknown + "/invoices", 404, null);
        assertRefused("/api/integration-jobs/" + unknown + "/activity", 404, null);
        assertRefused("/api/proformas/" + unknown, 404, null);
        assertRefused("/api/proformas/" + unknown + "/lines", 404, null);
        assertRefused("/api/proformas/" + unknown + "/lines?size=1001", 422, "size");
        assertRefused("/api/integration-jobs/" + unknown + "/errors?category=FATAL", 422, "category");
        assertRefused("/api/integration-jobs/" + unknown + "/errors?tableMap=accounts", 422, "tableMap");
        assertThat(query.send(null, "GET", "/api/integration-jobs", null).status()).isEqualTo(401);
        assertThat(query.send(Api.PM, "GET", "/api/integration-jobs", null).status()).isEqualTo(403);
        // A mistyped path is not a matter of role: 404, on both sides.
        assertRefused("/api/proforma/" + unknown, 404, null);
        assertThat(command.send(Api.PM, "GET", "/api/proformaz", null).status()).isEqualTo(404);
    }

    @Test
    void aProformaIsReadBackWhereLocationPointsLinesPagedAndTotalsAfterARemoval() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = Proformas.backlog(command, contract, 7);
        Api.Response created = command.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-READ", "currency", "EUR", "invoiceDate", "2026-11-24",
                "invoiceHeaderText", "Read me back"));
        assertThat(created.status()).isEqualTo(201);
        UUID invoiceId = UUID.fromString(created.text("invoiceId"));
        String location = created.header("Location");
        assertThat(location).isEqualTo("http://localhost:" + queryPort + "/api/proformas/" + invoiceId);
        String path = location.substring(location.indexOf("/api/"));
        Api.Response added = command.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                backlog.stream().map(id -> Map.of("backlogTransactionId", id)).toList()));
        assertThat(added.status()).isEqualTo(201);
        JsonNode firstLines = query.send(Api.PM, "GET", path + "/lines?size=4", null).body();
        UUID removed = UUID.fromString(firstLines.path("content").get(1).path("lineId").asString());
        assertThat(command.send(Api.PM, "DELETE", "/api/proformas/" + invoiceId + "/lines/" + removed, null,
                Map.of("If-Match", added.eTag())).status()).isEqualTo(204);

        JsonNode draft = query.send(Api.PM, "GET", path, null).body();
        assertThat(draft.path("proforma").path("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.path("proforma").path("customerId").asString()).isEqualTo("CUST-READ");
        assertThat(draft.path("proforma").path("lineCount").asLong()).isEqualTo(6);
        assertThat(draft.path("proforma").path("totalAmount").decimalValue())
                .isEqualByComparingTo(Proformas.LINE_AMOUNT.multiply(BigDecimal.valueOf(6)));
        assertThat(draft.path("financeSync").isNull()).isTrue();
        JsonNode page0 = query.send(Api.FINANCE, "GET", path + "/lines?size=4", null).body();
        JsonNode page1 = query.send(Api.FINANCE, "GET", path + "/lines?size=4&page=1", null).body();
        assertThat(page0.path("totalElements").asLong()).isEqualTo(6);
        assertThat(page0.path("content")).hasSize(4);
        assertThat(page1.path("content")).hasSize(2);
        assertThat(page0.path("content").valueStream().map(l -> l.path("lineId").asString()))
                .doesNotContain(removed.toString());
        assertThat(page0.path("content").get(0).path("lineId").asString())
                .isEqualTo(firstLines.path("content").get(0).path("lineId").asString());

        Api.Response confirmed = command.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "");
        assertThat(confirmed.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode read = query.send(Api.PM, "GET", path, null).body();
            assertThat(read.path("proforma").path("status").asString()).isEqualTo("CONFIRMED");
            assertThat(read.path("proforma").path("lineCount").asLong()).isEqualTo(6);
            assertThat(read.path("financeSync").path("status").asString()).isNotBlank();
        });
    }

    @Test
    void aJobsInvoicesProposalsWithTheirLinesInFinanceATraceOfOneRowAndThroughputOverAllRuns() {
        AsyncJob job = AsyncJob.run(command);
        Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-TRACE", 2_500);
        await().atMost(Duration.ofMinutes(2)).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        job.close();
        job.runAgain();
        try {
            JsonNode invoices = query.send(Api.FINANCE, "GET", job.path() + "/invoices?status=SYNCED", null).body();
            JsonNode row = invoices.path("content").valueStream()
                    .filter(i -> i.path("invoiceId").asString().equals(invoice.invoiceId().toString()))
                    .findFirst().orElseThrow();
            assertThat(row.path("lineCount").asInt()).isEqualTo(2_500);
            assertThat(row.path("appliedRows").asLong()).isEqualTo(row.path("expectedRows").asLong())
                    .isEqualTo(2_500 + 1 + 2_500 + 5_000);
            assertThat(query.send(Api.FINANCE, "GET", job.path() + "/invoices?status=FAILED", null).body()
                    .path("content").valueStream().map(i -> i.path("invoiceId").asString()))
                    .doesNotContain(invoice.invoiceId().toString());

            // The new run has written nothing of this invoice; the job's total still counts the first run's rows.
            // (Once the progress has seen the new run start: it is a projection, a moment behind the command.)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode throughput = query.send(Api.FINANCE, "GET", job.path(), null).body().path("throughput");
                assertThat(throughput.path("rowsApplied").asLong() - throughput.path("rowsAppliedThisRun").asLong())
                        .isGreaterThanOrEqualTo(10_001);
            });

            JsonNode proposals = query.send(Api.FINANCE, "GET",
                    "/api/finance/invoice-proposals?customerId=CUST-TRACE&size=1000", null).body();
            JsonNode proposal = proposals.path("content").valueStream()
                    .filter(p -> p.path("invoiceProposalId").asString().equals(invoice.invoiceId().toString()))
                    .findFirst().orElseThrow();
            assertThat(proposal.path("linesInFinance").asLong()).isEqualTo(2_500);

            String trace = "/api/finance/invoice-proposals/" + invoice.invoiceId() + "/trace";
            assertThat(query.send(Api.FINANCE, "GET", trace, null).body().path("batches")).hasSize(9);
            JsonNode lastLine = query.send(Api.FINANCE, "GET", "/api/finance/invoice-proposals/"
                    + invoice.invoiceId() + "/lines?size=1&page=2499", null).body().path("content").get(0);
            JsonNode ofRow = query.send(Api.FINANCE, "GET", trace + "?rowId=" + lastLine.path("lineId").asString(),
                    null).body();
            assertThat(ofRow.path("row").path("tableMap").asString()).isEqualTo("invoices");
            assertThat(ofRow.path("batches")).hasSize(1);
            assertThat(ofRow.path("batches").get(0).path("tableMap").asString()).isEqualTo("invoices");
            assertThat(ofRow.path("batches").get(0).path("batchNumber").asInt())
                    .isEqualTo(ofRow.path("row").path("batchNumber").asInt())
                    .isEqualTo(lastLine.path("batchNumber").asInt());
        } finally {
            job.close();
        }
    }

    private void assertRefused(String path, int status, String field) {
        Api.Response response = query.send(Api.ADMIN, "GET", path, null);
        assertThat(response.status()).as(path).isEqualTo(status);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.body().path("errors").valueStream().map(e -> e.path("field").asString()))
                    .as(path).contains(field);
        }
    }
}
