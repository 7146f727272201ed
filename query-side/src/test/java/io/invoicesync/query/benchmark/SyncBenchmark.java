package io.invoicesync.query.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.KafkaBroker;
import io.invoicesync.query.support.Proformas;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sync measured against the database it runs on (issue 10, G3). One run: the apps' own jars started as
 * {@code ./run.sh} starts them (the command side starts the embedded PostgreSQL, data on disk, fsync on); on that same
 * server, the raw baseline (plain JDBC batch inserts, 1,000 rows a commit, of as many rows into a database migrated
 * with the query side's own Finance schema, every index and FK); then one invoice through the REST API: built in
 * requests of 5,000 lines, confirmed with a job running, synced, and rebuilt with {@code replay finance --verify}
 * with the query side stopped. Prints a table and one JSON line per run, and the medians over the runs.
 *
 * <p>Run with {@code ./benchmark.sh [lines] [runs] [heap]} (README, "Benchmarks"). It asserts that every run ended
 * exact (Finance counts and replay verified), never a time.
 */
@Tag("benchmark")
class SyncBenchmark {

    private static final int LINES = Integer.getInteger("benchmark.lines", 100_000);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 1);
    private static final String HEAP = System.getProperty("benchmark.heap", "");
    /** The raw baseline can be left out of a long run (a million lines): ratios are then not printed. */
    private static final boolean RAW = Boolean.parseBoolean(System.getProperty("benchmark.raw", "true"));
    private static final int REQUEST_LINES = 5_000;
    /**
     * With a Kafka broker (its own JVM, KRaft, as a user runs one) and the query side relaying to it, as with
     * INVOICESYNC_KAFKA_BOOTSTRAP_SERVERS set: also times confirm → every Finance row committed on Kafka.
     */
    private static final boolean KAFKA = Boolean.parseBoolean(System.getProperty("benchmark.kafka", "false"));
    /**
     * Also syncs an invoice of the same size with the change feed's capture off (its four triggers disabled), before
     * the measured one, so that the feed's cost on the sync is printed from one run. It goes first: the measured sync
     * then meets the fuller tables, so the cost printed is, if anything, too high.
     */
    private static final boolean FEED_OFF = Boolean.parseBoolean(System.getProperty("benchmark.feedOff", "true"));
    private static final List<String> CAPTURE_TRIGGERS = List.of(
            "finance_invoice_proposal.finance_invoice_proposal_change",
            "finance_invoice_proposal_line.finance_invoice_proposal_line_change",
            "finance_actual.finance_actual_change", "finance_transaction_connection.finance_transaction_connection_change");

    @Test
    void measuresTheSyncAgainstRawPostgres() throws Exception {
        BenchmarkJar.requireBuilt();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            Map<String, Object> figures = oneRun(run);
            runs.add(figures);
            print("run " + run + " of " + RUNS, figures);
        }
        if (RUNS > 1) {
            Map<String, Object> median = new LinkedHashMap<>(runs.get(0));
            for (String key : runs.get(0).keySet()) {
                if (runs.get(0).get(key) instanceof Number) {
                    median.put(key, runs.stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).sorted()
                            .toArray()[runs.size() / 2]);
                }
            }
            median.put("run", "median of " + RUNS);
            print("median of " + RUNS + " runs", median);
        }
    }

    private Map<String, Object> oneRun(int run) throws Exception {
        Path home = Files.createTempDirectory("invoicesync-bench");
        int pgPort = AppProcess.freePort();
        int queryPort = AppProcess.freePort();
        int commandPort = AppProcess.freePort();
        Map<String, String> env = BenchmarkJar.environment(home, pgPort, queryPort);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run", run);
        figures.put("lines", LINES);
        BenchmarkJar commandSide = new BenchmarkJar("command-side", BenchmarkJar.COMMAND_JAR, env, home,
                List.of("--server.port=" + commandPort));
        KafkaBroker kafka = KAFKA ? KafkaBroker.start() : null;
        Map<String, String> queryEnv = new LinkedHashMap<>(env);
        if (kafka != null) {
            queryEnv.put("INVOICESYNC_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        BenchmarkJar querySide = new BenchmarkJar("query-side", BenchmarkJar.QUERY_JAR, queryEnv, home,
                List.of("--server.port=" + queryPort));
        try {
            commandSide.startAndWait(commandPort);
            querySide.startAndWait(queryPort);
            String url = "jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres";
            figures.putAll(environment(url));

            long financeRows = 1 + 4L * LINES;
            double raw = Double.NaN;
            if (RAW) {
                checkpoint(url);
                raw = financeRows / RawBaseline.seconds(pgPort, "raw_baseline", LINES);
                figures.put("raw_rows_per_s", round(raw));
            }

            Api command = new Api(commandPort);
            AsyncJob.run(command);
            if (FEED_OFF) {
                figures.putAll(syncWithTheFeedOff(command, url, querySide, financeRows, raw));
            }
            Build build = build(command);
            figures.put("build_s", round(build.seconds));
            figures.put("build_lines_per_s", round(LINES / build.seconds));
            figures.put("build_ratio", ratio(LINES / build.seconds, raw));
            figures.put("build_last5_over_first5", round(build.lastOverFirst));

            checkpoint(url);
            long start = System.nanoTime();
            Api.Response confirmed = command.post(Api.PM, "/api/proformas/" + build.invoiceId + "/confirm", "");
            assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
            double confirmSeconds = (System.nanoTime() - start) / 1e9;
            try (Connection db = DriverManager.getConnection(url)) {
                waitUntilSynced(db, build.invoiceId, querySide);
                double syncSeconds = (System.nanoTime() - start) / 1e9;
                if (kafka != null) {
                    waitUntilOnKafka(db, querySide);
                    double kafkaSeconds = (System.nanoTime() - start) / 1e9;
                    figures.put("kafka_s", round(kafkaSeconds));
                    figures.put("kafka_rows_per_s", round(financeRows / kafkaSeconds));
                    figures.put("kafka_ratio", ratio(financeRows / kafkaSeconds, raw));
                }
                assertFinanceHolds(db, build.invoiceId);
                figures.put("confirm_s", round(confirmSeconds));
                figures.put("sync_s", round(syncSeconds));
                figures.put("sync_rows_per_s", round(financeRows / syncSeconds));
                figures.put("sync_ratio", ratio(financeRows / syncSeconds, raw));
                figures.putAll(eventStoreBytes(db));
                // The row-by-row check, off the sync's path: once the worker's own check is recorded, timed on demand.
                waitUntilReconciled(db, build.invoiceId);
                long checking = System.nanoTime();
                Api.Response reconciled = new Api(queryPort).post(Api.FINANCE, "/api/reconciliations",
                        Map.of("invoiceId", build.invoiceId));
                double reconcileSeconds = (System.nanoTime() - checking) / 1e9;
                assertThat(reconciled.body().path("reconciled").asLong()).as(reconciled.body().toString())
                        .isEqualTo(1);
                figures.put("reconcile_s", round(reconcileSeconds));
                figures.put("reconcile_rows_per_s", round(financeRows / reconcileSeconds));
            }

            querySide.stop();
            checkpoint(url);
            start = System.nanoTime();
            BenchmarkJar replay = new BenchmarkJar("replay", BenchmarkJar.QUERY_JAR, env, home,
                    List.of("replay", "finance", "--verify"));
            int exit = replay.runToEnd();
            double replaySeconds = (System.nanoTime() - start) / 1e9;
            assertThat(exit).as("replay finance --verify exit code; see " + replay.log()).isZero();
            // The replay rebuilds every invoice of the run: the feed-off one too.
            long replayedRows = FEED_OFF ? 2 * financeRows : financeRows;
            figures.put("replay_s", round(replaySeconds));
            figures.put("replay_rows_per_s", round(replayedRows / replaySeconds));
            figures.put("replay_ratio", ratio(replayedRows / replaySeconds, raw));
            if (kafka != null) {
                figures.putAll(relayAlone(url, queryEnv, home, queryPort, raw));
            }
            return figures;
        } finally {
            querySide.stop();
            commandSide.stop();
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /**
     * An invoice of the same size confirmed and synced with the change log's capture triggers disabled, then enabled
     * again: what the sync costs without the feed.
     */
    private static Map<String, Object> syncWithTheFeedOff(Api command, String url, BenchmarkJar querySide,
                                                          long financeRows, double raw) throws Exception {
        Build unfed = build(command);
        checkpoint(url);
        try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
            for (String trigger : CAPTURE_TRIGGERS) {
                String[] parts = trigger.split("\\.");
                s.execute("ALTER TABLE " + parts[0] + " DISABLE TRIGGER " + parts[1]);
            }
            long start = System.nanoTime();
            require(command.post(Api.PM, "/api/proformas/" + unfed.invoiceId + "/confirm", ""), 200);
            waitUntilSynced(db, unfed.invoiceId, querySide);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (String trigger : CAPTURE_TRIGGERS) {
                String[] parts = trigger.split("\\.");
                s.execute("ALTER TABLE " + parts[0] + " ENABLE TRIGGER " + parts[1]);
            }
            assertFinanceHolds(db, unfed.invoiceId);
            Long captured = single(db, "SELECT count(*) FROM finance_change WHERE invoice_id = '" + unfed.invoiceId
                    + "'", rs -> rs.getLong(1));
            assertThat(captured).as("nothing captured with the feed off").isZero();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("sync_feed_off_s", round(seconds));
            figures.put("sync_feed_off_rows_per_s", round(financeRows / seconds));
            figures.put("sync_feed_off_ratio", ratio(financeRows / seconds, raw));
            return figures;
        } finally {
            checkpoint(url);
        }
    }

    /**
     * The relay's own rate, nothing else to do: a query side started on a new topic (and position topic), the
     * relay's recorded position removed, so that every change of the log waits; timed from its first committed batch
     * to the last.
     */
    private static Map<String, Object> relayAlone(String url, Map<String, String> queryEnv, Path home, int queryPort,
                                                  double raw) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
            s.execute("DELETE FROM finance_change_reader WHERE reader = 'kafka'");
            long changes = single(db, "SELECT count(*) FROM finance_change", rs -> rs.getLong(1));
            BenchmarkJar relay = new BenchmarkJar("query-side-relay", BenchmarkJar.QUERY_JAR, queryEnv, home,
                    List.of("--server.port=" + queryPort, "--invoicesync.kafka.topic=invoicesync.finance.rows.drain",
                            "--invoicesync.kafka.position-topic=invoicesync.finance.relay-position.drain"));
            try {
                relay.startAndWait(queryPort);
                while (!Boolean.TRUE.equals(single(db, "SELECT EXISTS (SELECT 1 FROM finance_change_reader "
                        + "WHERE reader = 'kafka')", rs -> rs.getBoolean(1)))) {
                    assertThat(relay.isAlive()).as("query side alive; see " + relay.log()).isTrue();
                    Thread.sleep(20);
                }
                long start = System.nanoTime();
                waitUntilOnKafka(db, relay);
                double seconds = (System.nanoTime() - start) / 1e9;
                figures.put("relay_changes", changes);
                figures.put("relay_s", round(seconds));
                figures.put("relay_rows_per_s", round(changes / seconds));
                figures.put("relay_ratio", ratio(changes / seconds, raw));
            } finally {
                relay.stop();
            }
        }
        return figures;
    }

    /** The relay has published every change of Finance's change log (its position is at the log's last change). */
    private static void waitUntilOnKafka(Connection db, BenchmarkJar querySide) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (!Boolean.TRUE.equals(single(db, "SELECT EXISTS (SELECT 1 FROM finance_change_reader WHERE reader = "
                + "'kafka') AND NOT EXISTS (SELECT 1 FROM finance_change c, finance_change_reader r WHERE "
                + "r.reader = 'kafka' AND (c.tx, c.seq) > (r.tx, r.seq))", rs -> rs.getBoolean(1)))) {
            assertThat(querySide.isAlive()).as("query side alive; see " + querySide.log()).isTrue();
            assertThat(System.nanoTime()).as("on Kafka within an hour").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Each timed step starts from a settled server: the dirty pages of the step before written out, and the
     * statistics of the tables it filled fresh (autovacuum would otherwise do both during the next step).
     */
    private static void checkpoint(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE");
            s.execute("CHECKPOINT");
        }
    }

    private record Build(UUID invoiceId, double seconds, double lastOverFirst) {
    }

    /** The proforma built as a project manager builds it: backlog first (not timed), then lines 5,000 a request. */
    private static Build build(Api command) {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = Proformas.backlog(command, contract, LINES);
        Api.Response created = command.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-BENCH", "currency", "EUR", "invoiceDate", "2026-11-24",
                "invoiceHeaderText", LINES + " lines"));
        require(created, 201);
        UUID invoiceId = UUID.fromString(created.text("invoiceId"));
        List<Double> requests = new ArrayList<>();
        for (int from = 0; from < LINES; from += REQUEST_LINES) {
            long start = System.nanoTime();
            require(command.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                    backlog.subList(from, Math.min(LINES, from + REQUEST_LINES)).stream()
                            .map(id -> Map.of("backlogTransactionId", id)).toList())), 201);
            requests.add((System.nanoTime() - start) / 1e9);
        }
        int five = Math.min(5, requests.size());
        double first = median(requests.subList(0, five));
        double last = median(requests.subList(requests.size() - five, requests.size()));
        return new Build(invoiceId, requests.stream().mapToDouble(Double::doubleValue).sum(), last / first);
    }

    private static void waitUntilSynced(Connection db, UUID invoiceId, BenchmarkJar querySide) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (!"SYNCED".equals(single(db, "SELECT status FROM sync_invoice WHERE invoice_id = '" + invoiceId + "'",
                rs -> rs.getString(1)))) {
            assertThat(querySide.isAlive()).as("query side alive; see " + querySide.log()).isTrue();
            assertThat(System.nanoTime()).as("synced within an hour").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The reconciliation worker's automatic check of the invoice, recorded: it must agree. */
    private static void waitUntilReconciled(Connection db, UUID invoiceId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String status;
        while ((status = single(db, "SELECT status FROM sync_reconciliation WHERE invoice_id = '" + invoiceId + "'",
                rs -> rs.getString(1))) == null) {
            assertThat(System.nanoTime()).as("checked within 10 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo("RECONCILED");
    }

    private static void assertFinanceHolds(Connection db, UUID invoiceId) throws SQLException {
        for (var table : Map.of("finance_invoice_proposal_line", LINES, "finance_actual", LINES,
                "finance_transaction_connection", 2 * LINES).entrySet()) {
            Long rows = single(db, "SELECT count(*) FROM " + table.getKey() + " WHERE invoice_proposal_id = '"
                    + invoiceId + "'", rs -> rs.getLong(1));
            assertThat(rows).as(table.getKey()).isEqualTo(table.getValue().longValue());
        }
    }

    /** Payload bytes in the event store, all of it and by kind of event. */
    private static Map<String, Object> eventStoreBytes(Connection db) throws SQLException {
        Map<String, Object> bytes = new LinkedHashMap<>();
        long total = 0;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT payload_type, "
                + "sum(octet_length(payload)) FROM domain_event_entry GROUP BY payload_type ORDER BY 2 DESC")) {
            while (rs.next()) {
                String type = rs.getString(1);
                long size = rs.getLong(2);
                total += size;
                bytes.put("event_mb_" + type.substring(type.lastIndexOf('.') + 1), round(size / 1e6));
            }
        }
        Long snapshots = single(db, "SELECT coalesce(sum(octet_length(payload)), 0) FROM snapshot_event_entry",
                rs -> rs.getLong(1));
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("event_store_mb", round(total / 1e6));
        ordered.put("snapshot_mb", round(snapshots / 1e6));
        ordered.putAll(bytes);
        return ordered;
    }

    private static Map<String, Object> environment(String url) throws SQLException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", LocalDate.now().toString());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("memory_gb", round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / 1e9));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("java", System.getProperty("java.version"));
        env.put("heap", HEAP.isBlank() ? "default" : HEAP);
        try (Connection db = DriverManager.getConnection(url)) {
            env.put("postgresql", single(db, "SHOW server_version", rs -> rs.getString(1)));
        }
        env.put("axon", org.axonframework.config.Configurer.class.getPackage().getImplementationVersion());
        env.put("spring_boot", org.springframework.boot.SpringBootVersion.getVersion());
        return env;
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T single(Connection db, String sql, Column<T> column) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? column.read(rs) : null;
        }
    }

    private static void print(String title, Map<String, Object> f) {
        System.out.print(String.format(Locale.ROOT, """

                ==== InvoiceSync sync benchmark, %s: one %,d-line invoice, %s ====
                | step | measured | rate | ratio to raw |
                | --- | --- | --- | --- |
                | raw PostgreSQL: %,d Finance rows, JDBC batches, 1,000 rows a commit | | %,.0f rows/s | 1.00 |
                | build: %d requests of %,d lines | %.2f s | %,.0f lines/s | %.2f (last 5 / first 5: %.2f) |
                | confirm request | %.2f s | | |
                | confirm → SYNCED | %.2f s | %,.0f rows/s | %.2f |
                | confirm → SYNCED, the change feed's capture off (same size, synced first) | %.2f s | %,.0f rows/s | %.2f |
                | the change feed's cost on the sync (on over off) | %+.0f %% | | |
                | confirm → every row committed on Kafka (relay on) | %.2f s | %,.0f rows/s | %.2f |
                | reconcile, row by row (POST /api/reconciliations) | %.2f s | %,.0f rows/s | |
                | replay finance --verify, query side stopped | %.2f s | %,.0f rows/s | %.2f |
                | Kafka relay alone: %,.0f changes waiting, first batch to last | %.2f s | %,.0f rows/s | %.2f |
                | event store payloads | %.1f MB (snapshots %.1f MB) | | |
                """, title, LINES, f.get("postgresql") == null ? "" : "PostgreSQL " + f.get("postgresql"),
                1 + 4L * LINES, num(f, "raw_rows_per_s"), (LINES + REQUEST_LINES - 1) / REQUEST_LINES, REQUEST_LINES,
                num(f, "build_s"), num(f, "build_lines_per_s"), num(f, "build_ratio"),
                num(f, "build_last5_over_first5"), num(f, "confirm_s"), num(f, "sync_s"), num(f, "sync_rows_per_s"),
                num(f, "sync_ratio"), num(f, "sync_feed_off_s"), num(f, "sync_feed_off_rows_per_s"),
                num(f, "sync_feed_off_ratio"), 100 * (num(f, "sync_s") / num(f, "sync_feed_off_s") - 1), num(f, "kafka_s"), num(f, "kafka_rows_per_s"), num(f, "kafka_ratio"),
                num(f, "reconcile_s"), num(f, "reconcile_rows_per_s"), num(f, "replay_s"), num(f, "replay_rows_per_s"), num(f, "replay_ratio"),
                num(f, "relay_changes"), num(f, "relay_s"), num(f, "relay_rows_per_s"), num(f, "relay_ratio"),
                num(f, "event_store_mb"), num(f, "snapshot_mb"))
                // A run without the baseline (a million lines) has no raw rate and no ratios: say so, not NaN.
                .replace("(same size, synced first) | NaN s | NaN rows/s | NaN |", "| not run (benchmark.feedOff false) | | |")
                .replace("| NaN rows/s | 1.00 |", "| not run | |")
                .replace("| NaN s | NaN rows/s | NaN |", "| not run (./benchmark.sh ... true for Kafka) | | |")
                .replace("NaN changes waiting", "the changes waiting")
                .replace("NaN", "-"));
        f.forEach((key, value) -> {
            if (key.startsWith("event_mb_")) {
                System.out.printf(Locale.ROOT, "    %-40s %10.1f MB%n", key.substring(9), num(f, key));
            }
        });
        StringBuilder json = new StringBuilder("{\"benchmark\":\"sync\"");
        f.forEach((key, value) -> json.append(",\"").append(key).append("\":")
                .append(value instanceof Number ? value.toString() : "\"" + value + "\""));
        System.out.println("BENCHMARK-JSON " + json.append('}'));
    }

    private static double num(Map<String, Object> f, String key) {
        return f.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static Object ratio(double measured, double raw) {
        return Double.isNaN(raw) ? "no baseline" : Math.round(measured / raw * 100) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void require(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Expected " + status + " but got " + response.status() + ": "
                    + response.body());
        }
    }
}
