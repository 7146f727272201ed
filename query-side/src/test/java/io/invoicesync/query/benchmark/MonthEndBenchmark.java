package io.invoicesync.query.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Proformas;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Month end (issue 23): many small invoices, not one big one. The apps' own jars started as {@code ./run.sh} starts
 * them, an async job running; N proformas of L lines built (create, then one request of lines) and confirmed by C
 * parallel clients through the REST API; a 3-line probe invoice confirmed every 2 s meanwhile. It prints invoices/s for
 * build, confirm and sync (first confirm to last SYNCED), Finance rows/s against raw PostgreSQL on the same server in
 * the same run, the probe's confirm → SYNCED p50/p95/max, and the apps' CPU. Each invoice's backlog is recorded
 * before the clock starts: a project's backlog exists before its invoices do.
 *
 * <p>Run with {@code ./benchmark.sh month-end [invoices] [lines] [clients] [jfr] [bulk]}. It asserts that every invoice
 * ended synced with exactly its rows, never a time.
 */
@Tag("benchmark")
class MonthEndBenchmark {

    private static final int INVOICES = Integer.getInteger("monthend.invoices", 1_000);
    private static final int LINES = Integer.getInteger("monthend.lines", 10);
    private static final int CLIENTS = Integer.getInteger("monthend.clients", 8);
    /** Above 0, the clients confirm in bulk requests of this many ({@code POST /api/proformas/confirmations}). */
    private static final int BULK = Integer.getInteger("monthend.bulk", 0);
    /** Load pg_stat_statements in the embedded server and print where the database's time per invoice went. */
    private static final boolean STATEMENTS = Boolean.getBoolean("monthend.statements");
    /** A large invoice beside the small ones (lines, 0 for none), confirmed just before them or just after them. */
    private static final int BIG = Integer.getInteger("monthend.big", 0);
    private static final boolean BIG_FIRST = !"after".equals(System.getProperty("monthend.bigWhen", "first"));
    private static final int PROBE_LINES = 3;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);

    @Test
    void measuresAMonthEndOfManySmallInvoices() throws Exception {
        BenchmarkJar.requireBuilt();
        Path home = Files.createTempDirectory("invoicesync-month-end");
        int pgPort = AppProcess.freePort();
        int queryPort = AppProcess.freePort();
        int commandPort = AppProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(BenchmarkJar.environment(home, pgPort, queryPort));
        if (STATEMENTS) {
            env.put("INVOICESYNC_EMBEDDED_DB_STATEMENT_STATISTICS", "true");
        }
        BenchmarkJar commandSide = new BenchmarkJar("command-side", BenchmarkJar.COMMAND_JAR, env, home,
                List.of("--server.port=" + commandPort));
        BenchmarkJar querySide = new BenchmarkJar("query-side", BenchmarkJar.QUERY_JAR, env, home,
                List.of("--server.port=" + queryPort));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("invoices", INVOICES);
        f.put("lines", LINES);
        f.put("clients", CLIENTS);
        f.put("bulk", BULK);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            commandSide.startAndWait(commandPort);
            querySide.startAndWait(queryPort);
            String url = "jdbc:postgresql://localhost:" + pgPort + "/postgres?user=postgres";
            Api command = new Api(commandPort);

            long financeRows = (long) INVOICES * (1 + 4L * LINES);
            // The yardstick writes as many lines' rows (one proposal of N × L lines) into the same schema.
            long rawRows = 1 + 4L * INVOICES * LINES;
            double raw = rawRows / RawBaseline.seconds(pgPort, "raw_month_end", INVOICES * LINES);
            f.put("raw_rows_per_s", round(raw));
            AsyncJob.run(command);

            // Not timed: each invoice's backlog, and the probes' drafts (enough for a long sync).
            List<String> contracts = inParallel(clients, INVOICES, i -> {
                String contract = "PC-ME-" + UUID.randomUUID();
                Proformas.backlog(new Api(commandPort), contract, LINES);
                return contract;
            });
            List<UUID> probes = inParallel(clients, 150, i -> Proformas.draft(new Api(commandPort), "CUST-PROBE",
                    PROBE_LINES));
            List<List<UUID>> backlogs = contractBacklogs(url, contracts);
            // Not timed either: the large invoice's draft, built before month end like any other.
            UUID big = BIG > 0 ? Proformas.draft(new Api(commandPort), "CUST-ME-BIG", BIG) : null;

            long started = System.nanoTime();
            List<UUID> invoices = inParallel(clients, INVOICES, i -> build(new Api(commandPort), contracts.get(i),
                    backlogs.get(i)));
            double buildSeconds = seconds(started);
            f.put("build_s", round(buildSeconds));
            f.put("build_invoices_per_s", round(INVOICES / buildSeconds));

            if (STATEMENTS) {
                try (Connection db = DriverManager.getConnection(url)) {
                    StatementStatistics.reset(db);
                }
            }
            long eventsBefore;
            try (Connection db = DriverManager.getConnection(url)) {
                eventsBefore = lastGlobalIndex(db);
            }
            double commandCpu = commandSide.cpuSeconds();
            double queryCpu = querySide.cpuSeconds();
            MachineCpu machine = MachineCpu.now();
            List<Probe> probed = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean syncing = new AtomicBoolean(true);
            Thread prober = new Thread(() -> probe(new Api(commandPort), probes, probed, syncing), "probe");
            Instant firstConfirm = Instant.now();
            started = System.nanoTime();
            prober.start();
            Instant bigConfirmedAt = big != null && BIG_FIRST ? confirmBig(command, big) : null;
            if (BULK > 0) {
                int requests = (INVOICES + BULK - 1) / BULK;
                inParallel(clients, requests, r -> {
                    List<UUID> some = invoices.subList(r * BULK, Math.min(INVOICES, (r + 1) * BULK));
                    Api.Response confirmed = new Api(commandPort).post(Api.PM, "/api/proformas/confirmations",
                            Map.of("invoiceIds", some));
                    assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
                    assertThat(confirmed.body().path("confirmed").asInt()).isEqualTo(some.size());
                    return null;
                });
            } else {
                inParallel(clients, INVOICES, i -> {
                    Api.Response confirmed = new Api(commandPort).post(Api.PM, "/api/proformas/" + invoices.get(i)
                            + "/confirm", "");
                    assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
                    return null;
                });
            }
            double confirmSeconds = seconds(started);
            if (big != null && !BIG_FIRST) {
                bigConfirmedAt = confirmBig(command, big);
            }
            Instant lastSynced;
            String statements = "";
            try (Connection db = DriverManager.getConnection(url)) {
                lastSynced = waitUntilAllSynced(db, invoices, querySide);
                syncing.set(false);
                prober.join();
                double syncSeconds = Duration.between(firstConfirm, lastSynced).toMillis() / 1000.0;
                double wall = seconds(started);
                f.put("confirm_s", round(confirmSeconds));
                f.put("confirm_invoices_per_s", round(INVOICES / confirmSeconds));
                f.put("sync_s", round(syncSeconds));
                f.put("sync_invoices_per_s", round(INVOICES / syncSeconds));
                f.put("sync_rows_per_s", round(financeRows / syncSeconds));
                f.put("sync_ratio", round(financeRows / syncSeconds / raw));
                int cores = Runtime.getRuntime().availableProcessors();
                double commandShare = (commandSide.cpuSeconds() - commandCpu) / (wall * cores);
                double queryShare = (querySide.cpuSeconds() - queryCpu) / (wall * cores);
                f.put("command_cpu_share", round(commandShare));
                f.put("query_cpu_share", round(queryShare));
                MachineCpu others = MachineCpu.now().since(machine);
                f.put("postgres_cpu_share", round(others.postgres()));
                f.put("benchmark_cpu_share", round(others.benchmark()));
                f.put("idle_share", round(others.idle()));
                // Machine time per invoice (all cores): what bounds the rate once the machine is saturated.
                double perInvoice = 1000.0 * wall * cores / (INVOICES + probed.size());
                f.put("command_cpu_ms_per_invoice", round(commandShare * perInvoice));
                f.put("query_cpu_ms_per_invoice", round(queryShare * perInvoice));
                f.put("postgres_cpu_ms_per_invoice", round(others.postgres() * perInvoice));
                f.put("clients_cpu_ms_per_invoice", round(others.benchmark() * perInvoice));
                if (STATEMENTS) {
                    statements = StatementStatistics.top(db, INVOICES + probed.size(), 15);
                }
                f.putAll(probeFigures(db, probed));
                f.putAll(eventsAppended(db, eventsBefore, INVOICES + probed.size()));
                assertFinanceHolds(db, invoices);
                if (big != null) {
                    Instant bigSynced = waitUntilAllSynced(db, List.of(big), querySide);
                    f.put("big_lines", BIG);
                    f.put("big_when", BIG_FIRST ? "first" : "after");
                    f.put("big_sync_s", round(Duration.between(bigConfirmedAt, bigSynced).toMillis() / 1000.0));
                }
            }
            print(f);
            System.out.print(statements);
        } finally {
            clients.shutdownNow();
            querySide.stop();
            commandSide.stop();
        }
    }

    private record Probe(UUID invoiceId, Instant confirmedAt) {
    }

    /** Confirms the large invoice (one request, its chunks billed inside it); answers when it was asked. */
    private static Instant confirmBig(Api command, UUID big) {
        Instant at = Instant.now();
        Api.Response confirmed = command.post(Api.PM, "/api/proformas/" + big + "/confirm", "");
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        return at;
    }

    /** Creates the proforma and adds its lines in one request: the two requests of a small invoice. */
    private static UUID build(Api api, String contract, List<UUID> backlog) {
        Api.Response created = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-ME", "currency", "EUR", "invoiceDate", "2026-11-30"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        UUID invoiceId = UUID.fromString(created.text("invoiceId"));
        Api.Response lines = api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                backlog.stream().map(id -> Map.of("backlogTransactionId", id)).toList()));
        assertThat(lines.status()).as(lines.body().toString()).isEqualTo(201);
        return invoiceId;
    }

    private static void probe(Api api, List<UUID> probes, List<Probe> probed, AtomicBoolean syncing) {
        for (UUID probe : probes) {
            if (!syncing.get()) {
                return;
            }
            Instant at = Instant.now();
            Api.Response confirmed = api.post(Api.PM, "/api/proformas/" + probe + "/confirm", "");
            assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
            probed.add(new Probe(probe, at));
            try {
                Thread.sleep(PROBE_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Each probe's confirm request → SYNCED (the moment the progress recorded it), once all are synced. */
    private static Map<String, Object> probeFigures(Connection db, List<Probe> probed) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (Probe probe : probed) {
            Instant synced = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (synced == null && System.nanoTime() < deadline) {
                try (PreparedStatement ps = db.prepareStatement(
                        "SELECT finished_at FROM sync_invoice WHERE invoice_id = ? AND status = 'SYNCED'")) {
                    ps.setObject(1, probe.invoiceId());
                    try (ResultSet rs = ps.executeQuery()) {
                        synced = rs.next() ? rs.getTimestamp(1).toInstant() : null;
                    }
                }
                if (synced == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(synced).as("probe " + probe.invoiceId() + " synced").isNotNull();
            seconds.add(Duration.between(probe.confirmedAt(), synced).toMillis() / 1000.0);
        }
        Collections.sort(seconds);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("probes", seconds.size());
        f.put("probe_p50_s", seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() / 2));
        f.put("probe_p95_s", seconds.isEmpty() ? Double.NaN
                : seconds.get(Math.min(seconds.size() - 1, (int) Math.ceil(seconds.size() * 0.95) - 1)));
        f.put("probe_max_s", seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() - 1));
        return f;
    }

    private static Instant waitUntilAllSynced(Connection db, List<UUID> invoices, BenchmarkJar querySide)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (true) {
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*), max(finished_at) FROM sync_invoice "
                    + "WHERE status = 'SYNCED' AND invoice_id = ANY (?)")) {
                ps.setArray(1, db.createArrayOf("uuid", invoices.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == invoices.size()) {
                        return rs.getTimestamp(2).toInstant();
                    }
                }
            }
            assertThat(querySide.isAlive()).as("query side alive; see " + querySide.log()).isTrue();
            assertThat(System.nanoTime()).as("synced within an hour").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void assertFinanceHolds(Connection db, List<UUID> invoices) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT (SELECT count(*) FROM finance_invoice_proposal WHERE invoice_proposal_id = ANY (?)),
                       (SELECT count(*) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ANY (?)),
                       (SELECT count(*) FROM finance_actual WHERE invoice_proposal_id = ANY (?)),
                       (SELECT count(*) FROM finance_transaction_connection WHERE invoice_proposal_id = ANY (?)),
                       (SELECT sum(amount) FROM finance_actual WHERE invoice_proposal_id = ANY (?))""")) {
            for (int i = 1; i <= 5; i++) {
                ps.setArray(i, db.createArrayOf("uuid", invoices.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = invoices.size();
                assertThat(rs.getLong(1)).as("proposals").isEqualTo(n);
                assertThat(rs.getLong(2)).as("lines").isEqualTo(n * LINES);
                assertThat(rs.getLong(3)).as("actuals").isEqualTo(n * LINES);
                assertThat(rs.getLong(4)).as("connections").isEqualTo(2 * n * LINES);
                assertThat(rs.getBigDecimal(5)).isEqualByComparingTo(
                        Proformas.LINE_AMOUNT.multiply(BigDecimal.valueOf(n * LINES)));
            }
        }
    }

    /** Each contract's backlog transaction ids, as the backlog recorded them. */
    private static List<List<UUID>> contractBacklogs(String url, List<String> contracts) throws Exception {
        List<List<UUID>> backlogs = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url); PreparedStatement ps = db.prepareStatement(
                "SELECT transaction_id FROM backlog_transaction WHERE project_contract_id = ?")) {
            for (String contract : contracts) {
                ps.setString(1, contract);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                backlogs.add(ids);
            }
        }
        return backlogs;
    }

    private static long lastGlobalIndex(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Events appended per invoice while confirming and syncing: all of them, and the sync's own. */
    private static Map<String, Object> eventsAppended(Connection db, long after, int invoices) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT count(*), count(*) FILTER (WHERE payload_type LIKE 'io.invoicesync.kernel.sync.%')
                FROM domain_event_entry WHERE global_index > ?""")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Map.of("events_per_invoice", round((double) rs.getLong(1) / invoices),
                        "sync_events_per_invoice", round((double) rs.getLong(2) / invoices));
            }
        }
    }

    private static <T> List<T> inParallel(ExecutorService clients, int count, IntFunction<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(clients.submit(() -> task.apply(index)));
        }
        List<T> results = new ArrayList<>(count);
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double num(Map<String, Object> f, String key) {
        return f.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void print(Map<String, Object> f) {
        System.out.print(String.format(Locale.ROOT, """

                ==== InvoiceSync month-end benchmark: %d invoices of %d lines, %d clients ====
                | step | measured | rate | ratio to raw |
                | --- | --- | --- | --- |
                | raw PostgreSQL: JDBC batches, 1,000 rows a commit | | %,.0f rows/s | 1.00 |
                | build: create + lines, 2 requests an invoice | %.2f s | %.1f invoices/s | |
                | confirm requests%s | %.2f s | %.1f invoices/s | |
                | first confirm → last SYNCED | %.2f s | %.1f invoices/s, %,.0f rows/s | %.3f |
                | probe (%d-line invoice every 2 s, %d probes): confirm → SYNCED | p50 %.2f s, p95 %.2f s, max %.2f s | | |
                | CPU share of the 2 cores while confirming and syncing | command side %.0f %%, query side %.0f %%, \
                PostgreSQL %.0f %%, the benchmark's clients %.0f %%, idle %.0f %% | | |
                | CPU time per invoice (confirm and sync, the probes counted) | command side %.1f ms, query side %.1f ms, \
                PostgreSQL %.1f ms, the clients %.1f ms (all %.1f ms) | | |
                | events appended per invoice (confirm and sync) | %.2f, of which the sync's %.2f | | |
                """, (int) num(f, "invoices"), (int) num(f, "lines"), (int) num(f, "clients"),
                num(f, "raw_rows_per_s"), num(f, "build_s"), num(f, "build_invoices_per_s"),
                BULK > 0 ? " (in bulk, " + BULK + " invoices a request)" : " (one invoice a request)",
                num(f, "confirm_s"),
                num(f, "confirm_invoices_per_s"), num(f, "sync_s"), num(f, "sync_invoices_per_s"),
                num(f, "sync_rows_per_s"), num(f, "sync_ratio"), PROBE_LINES, (int) num(f, "probes"),
                num(f, "probe_p50_s"), num(f, "probe_p95_s"), num(f, "probe_max_s"),
                100 * num(f, "command_cpu_share"), 100 * num(f, "query_cpu_share"), 100 * num(f, "postgres_cpu_share"),
                100 * num(f, "benchmark_cpu_share"), 100 * num(f, "idle_share"), num(f, "command_cpu_ms_per_invoice"),
                num(f, "query_cpu_ms_per_invoice"), num(f, "postgres_cpu_ms_per_invoice"),
                num(f, "clients_cpu_ms_per_invoice"), num(f, "command_cpu_ms_per_invoice")
                        + num(f, "query_cpu_ms_per_invoice") + num(f, "postgres_cpu_ms_per_invoice")
                        + num(f, "clients_cpu_ms_per_invoice"), num(f, "events_per_invoice"),
                num(f, "sync_events_per_invoice")));
        if (f.containsKey("big_lines")) {
            System.out.printf(Locale.ROOT,
                    "| a %,d-line invoice confirmed %s the small ones: confirm → SYNCED | %.2f s | | |%n",
                    (int) num(f, "big_lines"), "first".equals(f.get("big_when")) ? "just before" : "just after",
                    num(f, "big_sync_s"));
        }
        StringBuilder json = new StringBuilder("{\"benchmark\":\"month-end\"");
        f.forEach((key, value) -> json.append(",\"").append(key).append("\":")
                .append(value instanceof Number ? value.toString() : "\"" + value + "\""));
        System.out.println("BENCHMARK-JSON " + json.append('}'));
    }
}
