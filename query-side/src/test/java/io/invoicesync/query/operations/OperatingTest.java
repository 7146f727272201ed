package io.invoicesync.query.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.ExportedMetrics;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** What an operator relies on: probes, health with the processing groups, info, metrics that a sync moves, logs. */
@QuerySideTest
@ExtendWith(OutputCaptureExtension.class)
class OperatingTest extends BothApps {

    @Test
    void probesAnswerAnyoneWithTheStatusOnlyAndAdminsSeeTheDetails() {
        for (Api app : new Api[]{query, command}) {
            for (String probe : new String[]{"/actuator/health/liveness", "/actuator/health/readiness"}) {
                Api.Response answer = app.send(null, "GET", probe, null);
                assertThat(answer.status()).as(probe).isEqualTo(200);
                assertThat(answer.body().path("status").asString()).isEqualTo("UP");
                assertThat(answer.body().has("components")).as("details for anyone").isFalse();
            }
            assertThat(app.send(null, "GET", "/actuator/health", null).body().has("components")).isFalse();
            assertThat(app.send(null, "GET", "/actuator/prometheus", null).status()).isEqualTo(401);
            assertThat(app.send(Api.FINANCE, "GET", "/actuator/prometheus", null).status()).isEqualTo(403);
            assertThat(app.send(null, "GET", "/actuator/info", null).status()).isEqualTo(401);
        }
        JsonNode health = query.send(Api.ADMIN, "GET", "/actuator/health", null).body();
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        JsonNode groups = health.path("components").path("processingGroups");
        assertThat(groups.path("status").asString()).isEqualTo("UP");
        assertThat(groups.path("details").path("finance").path("running").asBoolean()).isTrue();
        assertThat(groups.path("details").path("finance").has("lag")).isTrue();
        assertThat(groups.path("details").path("sync-coordinator").has("position")).isTrue();

        JsonNode info = query.send(Api.ADMIN, "GET", "/actuator/info", null).body();
        assertThat(info.path("build").path("version").asString()).isEqualTo("0.1.0");
        assertThat(info.path("build").path("artifact").asString()).isEqualTo("query-side");
    }

    @Test
    void aSyncMovesTheMetricsAndLogsALinePerRunStopAndInvoice(CapturedOutput output) {
        double rowsBefore = metric(query, "invoicesync_finance_rows", "table_map=\"msdyn_transactionconnections\"");
        double syncedBefore = metric(query, "invoicesync_invoices", "state=\"SYNCED\"");
        double confirmsBefore = metric(command, "invoicesync_commands_total",
                "command=\"ConfirmProforma\",outcome=\"accepted\"");
        double refusedBefore = metric(command, "invoicesync_commands_total",
                "command=\"RunIntegrationJob\",outcome=\"refused\"");

        AsyncJob job = AsyncJob.run(command);
        Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-METRICS", 1_200);
        FinanceChecks finance = new FinanceChecks(jdbc);
        await().atMost(Duration.ofMinutes(2)).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        assertThat(command.post(Api.ADMIN, job.path() + "/run", "").status()).as("a second run while active")
                .isEqualTo(409);
        job.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric(query, "invoicesync_finance_rows", "table_map=\"msdyn_transactionconnections\""))
                    .isEqualTo(rowsBefore + 2_400);
            assertThat(metric(query, "invoicesync_invoices", "state=\"SYNCED\"")).isEqualTo(syncedBefore + 1);
        });
        assertThat(metric(command, "invoicesync_commands_total", "command=\"ConfirmProforma\",outcome=\"accepted\""))
                .isEqualTo(confirmsBefore + 1);
        assertThat(metric(command, "invoicesync_commands_total", "command=\"RunIntegrationJob\",outcome=\"refused\""))
                .isEqualTo(refusedBefore + 1);
        String prometheus = query.getText(Api.ADMIN, "/actuator/prometheus");
        assertThat(prometheus).contains("eventProcessor_latency", "processorName=\"finance\"",
                "invoicesync_processor_lag_events{", "invoicesync_sync_errors{", "invoicesync_replay_running{");

        String jobId = job.path().substring(job.path().lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("Job " + jobId + " run \\S+ started by admin: maps invoices -> msdyn_actuals -> "
                        + "msdyn_transactionconnections")
                .containsPattern("Invoice " + invoice.invoiceId() + " synced \\(ASYNC\\), job " + jobId
                        + " run \\S+: 4801 rows in [\\d.]+ s")
                .containsPattern("Job " + jobId + " run \\S+ stopped by admin"));
    }

    /**
     * The alerting rules and the Grafana dashboard shipped in ops/ name only metrics and labels the apps export: each
     * expression's metrics (every selector is written name{...}) are on one of the two apps' Prometheus pages after a
     * sync, with each label its matchers and its "by (...)" clauses name.
     */
    @Test
    void theShippedAlertsAndDashboardNameOnlyMetricsAndLabelsTheAppsExport() throws Exception {
        AsyncJob job = AsyncJob.run(command);
        Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-ALERTS", 3);
        FinanceChecks finance = new FinanceChecks(jdbc);
        await().atMost(Duration.ofMinutes(2)).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        job.close();
        ExportedMetrics exported = ExportedMetrics.scrape(query, command);
        List<String> alerts = ExportedMetrics.alertExpressions(Path.of("../ops/prometheus/invoicesync-alerts.yml"));
        assertThat(alerts).as("alerts").hasSize(6);
        // The Kafka relay's panels name metrics that exist only where the relay is on: FinanceKafkaTest checks them.
        List<String> panels = ExportedMetrics.panelExpressions(Path.of("../ops/grafana/invoicesync-dashboard.json"))
                .stream().filter(expression -> !expression.contains("invoicesync_kafka_")).toList();
        assertThat(panels).as("panels' queries").hasSizeGreaterThan(8);
        Stream.concat(alerts.stream(), panels.stream()).forEach(exported::assertNamesOnlyExported);
    }

    /** A sample's value in the app's Prometheus page, 0 when absent: name{...labels...} value. */
    private static double metric(Api app, String name, String labels) {
        String page = app.getText(Api.ADMIN, "/actuator/prometheus");
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*} (\\S+)$")
                .matcher(page);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
