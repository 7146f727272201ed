package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.platform.database.DatabaseProperties;
import io.invoicesync.platform.database.EmbeddedPostgresServer;
import io.invoicesync.query.QuerySideApplication;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * G2: the query side runs as a real separate process while a 20,000-line invoice syncs, and is killed with SIGKILL
 * at random moments (seeded: set -Dkill.seed=N to replay a failure), then restarted. At the end Finance holds exactly
 * the right rows: none lost, none doubled, every foreign key intact, every batch published once, progress equal to
 * the rows.
 *
 * <p>It found a real defect: the processors ran with Axon's no-op transaction manager (see AxonConfiguration), so a
 * kill between a saga step's token and its published batch left the invoice stalled. Alone:
 * {@code ./mvnw -B -ntp verify -Preliability -pl query-side -am}.
 */
@Tag("reliability")
class KillQuerySideTest {

    private static final int KILLS = 10;
    private static final String DATABASE = "kill9";

    @Test
    void syncsExactlyOnceThroughTenKillNines() throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        System.out.println("KillQuerySideTest seed: " + seed + " (rerun with -Dkill.seed=" + seed + ")");
        Random random = new Random(seed);
        String url = EmbeddedPostgresServer.jdbcUrl(new DatabaseProperties.Embedded(0, "", DATABASE));
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        int queryPort = freePort();
        Path log = Files.createTempFile("query-side", ".log");
        QuerySideProcess querySide = new QuerySideProcess(url, queryPort, log);
        querySide.start();
        try {
            Api command = new Api(CommandSide.port(DATABASE, queryPort));
            FinanceChecks finance = new FinanceChecks(jdbc);
            Proformas.Confirmed large;
            Proformas.Confirmed small;
            try (AsyncJob job = AsyncJob.run(command)) {
                large = Proformas.confirmed(command, "CUST-K", 20_000);
                small = Proformas.confirmed(command, "CUST-K2", 1_500);
                for (int kill = 1; kill <= KILLS; kill++) {
                    long after = 300 + random.nextInt(2_500);
                    Thread.sleep(after);
                    long batches = finance.batches(large.invoiceId());
                    querySide.kill();
                    System.out.printf("kill -9 #%d after %d ms of running, %d batches of the large invoice applied%n",
                            kill, after, batches);
                    querySide.start();
                }
                for (Proformas.Confirmed invoice : List.of(large, small)) {
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                            .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
                }
            }
            for (Proformas.Confirmed invoice : List.of(large, small)) {
                finance.assertSynced(invoice.invoiceId(), invoice.lines());
                assertThat(batchEventsOf(jdbc, invoice.invoiceId())).as("batches published once each")
                        .isEqualTo(3L * ((invoice.lines() + 999) / 1_000));
            }
            assertThat(finance.orphans()).isZero();
        } finally {
            querySide.kill();
        }
    }

    private static long batchEventsOf(JdbcTemplate jdbc, UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%TableMapBatchApplied' "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%\"invoiceId\":\"" + invoiceId + "\"%");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The query side as an operator runs it: its own JVM on the test's classpath, the database in the environment. */
    private record QuerySideProcess(String url, int port, Path log, Process[] current) {

        QuerySideProcess(String url, int port, Path log) {
            this(url, port, log, new Process[1]);
        }

        void start() throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), QuerySideApplication.class.getName(),
                    "--server.port=" + port,
                    // A killed node's claims block its successor until they time out; keep that short here.
                    "--axon.eventhandling.tokenstore.claim-timeout=2s");
            builder.environment().put("INVOICESYNC_DB_URL", url);
            builder.environment().put("INVOICESYNC_DB_USER", "postgres");
            current[0] = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!listening()) {
                if (!current[0].isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The query side did not start; see " + log);
                }
                Thread.sleep(100);
            }
        }

        /** SIGKILL: no shutdown hook, no claim released, no transaction finished. */
        void kill() throws InterruptedException {
            if (current[0] != null && current[0].isAlive()) {
                current[0].destroyForcibly();
                current[0].waitFor();
            }
        }

        private boolean listening() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
