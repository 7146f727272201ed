package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.DebianPackages;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * The shipped alert rules fed what a healthy system really exports: two query-side nodes (their own processes) and a
 * command side on one database sync five invoices through a job and go idle; every series of the three Prometheus
 * pages, as scraped, is held for 15 minutes in a {@code promtool test rules} run of every rule file in
 * {@code ops/prometheus}: no alert fires. And on each app, every processing group's health (running, lag) is what its
 * metrics say, subscribing groups included.
 */
@Tag("reliability")
class AlertsStayQuietTest {

    private static final String DATABASE = "alerts_quiet";
    private static final Path RULES = Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)");

    @Test
    void noShippedAlertFiresOnAHealthyIdleSystemOfTwoQueryNodes() throws Exception {
        String url = Chaos.database(DATABASE);
        FinanceChecks finance = new FinanceChecks(new JdbcTemplate(new DriverManagerDataSource(url)));
        AppProcess first = AppProcess.querySide(url);
        AppProcess second = AppProcess.querySide(url);
        first.start();
        second.start();
        try {
            Api command = new Api(CommandSide.port(DATABASE, first.port()));
            try (AsyncJob job = AsyncJob.run(command)) {
                List<UUID> invoices = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    invoices.add(Proformas.confirmed(command, "CUST-QUIET", 3).invoiceId());
                }
                for (UUID invoice : invoices) {
                    await().atMost(Duration.ofMinutes(2)).until(() -> "SYNCED".equals(finance.status(invoice)));
                }
            }
            Map<String, Api> apps = new LinkedHashMap<>();
            apps.put("query-a", new Api(first.port()));
            apps.put("query-b", new Api(second.port()));
            apps.put("command", command);
            // Idle: every group has caught up with the store's head on every node.
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> apps.values()
                    .forEach(AlertsStayQuietTest::assertHealthAndMetricsAgreeAndNothingLags));

            StringBuilder series = new StringBuilder();
            apps.forEach((instance, app) -> app.getText(Api.ADMIN, "/actuator/prometheus").lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> series.append(inputSeries(instance, line))));
            List<String> alerts = new ArrayList<>();
            for (String file : ruleFiles()) {
                Matcher alert = ALERT.matcher(Files.readString(RULES.resolve(file)));
                while (alert.find()) {
                    alerts.add(alert.group(1));
                }
            }
            assertThat(alerts).as("every shipped alert").contains("InvoiceSyncProcessingGroupNotRunning",
                    "InvoiceSyncFallingBehind", "InvoiceSyncSignInFailures", "InvoiceSyncKafkaRelayDown");
            StringBuilder test = new StringBuilder("rule_files:\n");
            ruleFiles().forEach(file -> test.append("  - ").append(RULES.resolve(file)).append('\n'));
            test.append("evaluation_interval: 15s\ntests:\n  - interval: 15s\n    input_series:\n").append(series)
                    .append("    alert_rule_test:\n");
            alerts.forEach(alert -> test.append("      - eval_time: 15m\n        alertname: ").append(alert)
                    .append("\n        exp_alerts: []\n"));
            Path file = Files.createTempFile("healthy-idle", ".test.yml");
            Files.writeString(file, test);

            DebianPackages.ensure(List.of(PROMTOOL), "prometheus");
            Process promtool = new ProcessBuilder(PROMTOOL.toString(), "test", "rules", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(promtool.exitValue()).as("alerts on a healthy idle system:\n" + output).isZero();
            System.out.printf("AlertsStayQuietTest: %d alerts quiet over %d scraped series of 3 apps%n",
                    alerts.size(), series.toString().lines().filter(l -> l.contains("series:")).count());
        } finally {
            first.kill();
            second.kill();
        }
    }

    /** Each group on this app: health says it runs and does not lag, and its two gauges say the same. */
    private static void assertHealthAndMetricsAgreeAndNothingLags(Api app) {
        JsonNode groups = app.send(Api.ADMIN, "GET", "/actuator/health", null).body().path("components")
                .path("processingGroups").path("details");
        String page = app.getText(Api.ADMIN, "/actuator/prometheus");
        List<String> names = new ArrayList<>();
        groups.properties().forEach(group -> {
            if (!group.getValue().isObject()) {
                return;
            }
            names.add(group.getKey());
            assertThat(group.getValue().path("running").asBoolean()).as(group.getKey() + " runs").isTrue();
            assertThat(group.getValue().path("lag").asLong(-1)).as(group.getKey() + " lag").isZero();
            assertThat(gauge(page, "invoicesync_processor_running", group.getKey())).as(group.getKey()).isEqualTo(1);
            assertThat(gauge(page, "invoicesync_processor_lag_events", group.getKey())).as(group.getKey()).isZero();
        });
        assertThat(names).as("the groups in health").isNotEmpty();
    }

    private static double gauge(String page, String name, String group) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{[^}]*processing_group=\"" + Pattern.quote(group)
                + "\"[^}]*} (\\S+)$").matcher(page);
        assertThat(sample.find()).as(name + " of " + group).isTrue();
        return Double.parseDouble(sample.group(1));
    }

    /** One sample of a Prometheus page as a promtool input series, labelled with its app, held for 15 minutes. */
    private static String inputSeries(String instance, String line) {
        int space = line.lastIndexOf(' ');
        String name = line.substring(0, space);
        String value = line.substring(space + 1);
        String labelled = name.contains("{") ? name.replaceFirst("\\{", "{instance=\"" + instance + "\",")
                : name + "{instance=\"" + instance + "\"}";
        return "      - series: '" + labelled.replace("'", "''") + "'\n        values: '" + value + "x60'\n";
    }

    private static List<String> ruleFiles() throws Exception {
        try (Stream<Path> files = Files.list(RULES)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yml")).sorted().toList();
        }
    }
}
