package io.invoicesync.query.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
        Map<String, Set<String>> exported = new HashMap<>();
        for (Api app : new Api[]{query, command}) {
            Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}")
                    .matcher(app.getText(Api.ADMIN, "/actuator/prometheus"));
            while (sample.find()) {
                Set<String> labels = exported.computeIfAbsent(sample.group(1), k -> new HashSet<>());
                Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(sample.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        List<String> expressions = new ArrayList<>();
        Map<String, Object> rules = new Yaml().load(Files.readString(Path.of("../ops/prometheus/invoicesync-alerts.yml")));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                expressions.add((String) ((Map<?, ?>) rule).get("expr"));
            }
        }
        assertThat(expressions).as("alerts").hasSize(5);
        JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(
                Path.of("../ops/grafana/invoicesync-dashboard.json")));
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                expressions.add(target.path("expr").asString())));
        assertThat(expressions).as("alerts and panels' queries").hasSizeGreaterThan(12);

        for (String expression : expressions) {
            Matcher selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}").matcher(expression);
            Set<String> labelsOfItsMetrics = new HashSet<>();
            int selectors = 0;
            while (selector.find()) {
                selectors++;
                String metric = selector.group(1);
                assertThat(exported).as("metric " + metric + " in " + expression).containsKey(metric);
                labelsOfItsMetrics.addAll(exported.get(metric));
                Matcher matcher = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)").matcher(selector.group(2));
                while (matcher.find()) {
                    assertThat(exported.get(metric)).as("label " + matcher.group(1) + " of " + metric)
                            .contains(matcher.group(1));
                }
            }
            assertThat(selectors).as("selectors in " + expression).isPositive();
            Matcher by = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(expression);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    assertThat(labelsOfItsMetrics).as("label " + label.trim() + " grouped by in " + expression)
                            .contains(label.trim());
                }
            }
        }
    }

    /** A sample's value in the app's Prometheus page, 0 when absent: name{...labels...} value. */
    private static double metric(Api app, String name, String labels) {
        String page = app.getText(Api.ADMIN, "/actuator/prometheus");
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*} (\\S+)$")
                .matcher(page);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
