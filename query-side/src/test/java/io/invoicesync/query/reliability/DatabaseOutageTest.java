package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * G2 through a database outage: both apps run as their own processes on a PostgreSQL server of this test's own, which
 * is shut down in the middle of a 20,000-line sync and started again on the same data 5 s later. Neither app is
 * restarted. Meanwhile the command API refuses writes with 503 problem+json; afterwards the processors heal on
 * their own (a system error: retried with back-off, never recorded as a sync error), the sync completes exactly,
 * and a new confirm flows end to end.
 */
@Tag("reliability")
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void bothAppsRecoverFromADatabaseRestartMidSyncWithoutARestartOfTheirOwn() throws Exception {
        RestartablePostgres postgres = new RestartablePostgres(Files.createTempDirectory("invoicesync-outage"),
                AppProcess.freePort());
        postgres.start();
        String url = "jdbc:postgresql://localhost:" + postgres.port + "/postgres";
        AppProcess querySide = AppProcess.querySide(url);
        AppProcess commandSide = null;
        try {
            querySide.start();
            commandSide = AppProcess.commandSide(url, querySide.port());
            commandSide.start();
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url + "?user=postgres"));
            FinanceChecks finance = new FinanceChecks(jdbc);
            Api command = new Api(commandSide.port());
            AsyncJob.run(command);
            Proformas.Confirmed large = Proformas.confirmed(command, "CUST-DB", 20_000);
            Proformas.Confirmed small = Proformas.confirmed(command, "CUST-DB2", 1_500);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> finance.batches(large.invoiceId()) >= 6);

            postgres.stop();
            System.out.println("PostgreSQL stopped mid-sync");
            long asked = System.nanoTime();
            Api.Response refused = command.post(Api.PM, "/api/proformas", Map.of("projectContractId", "PC-OUTAGE",
                    "customerId", "CUST-DB", "currency", "EUR", "invoiceDate", "2026-11-24"));
            long answeredInMillis = Duration.ofNanos(System.nanoTime() - asked).toMillis();
            Thread.sleep(OUTAGE.toMillis());
            postgres.start();
            long restartedAt = System.nanoTime();
            System.out.println("PostgreSQL started again");

            assertThat(refused.status()).as("a write while the database is away").isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("type")).endsWith("database-unavailable");
            // The README promises the answer within 5 s (Retry-After: 5): it used to take 5.2 to 6.3 s.
            assertThat(answeredInMillis).as("ms to the 503").isLessThan(5_000);
            for (Proformas.Confirmed invoice : List.of(large, small)) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
                finance.assertSyncedExactlyOnce(invoice.invoiceId(), invoice.lines());
            }
            System.out.printf("Both invoices synced %d ms after PostgreSQL came back%n",
                    Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());
            Proformas.Confirmed after = Proformas.confirmed(command, "CUST-DB3", 1_200);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "SYNCED".equals(finance.status(after.invoiceId())));
            finance.assertSynced(after.invoiceId(), after.lines());
            assertThat(finance.orphans()).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_error", Long.class))
                    .as("an outage is a system error, retried, not a sync error to act on").isZero();
            assertThat(querySide.isAlive()).as("the query side was not restarted").isTrue();
            assertThat(commandSide.isAlive()).as("the command side was not restarted").isTrue();
            assertThat(Files.readString(querySide.log())).as("the processors backed off and retried")
                    .contains("preparing for retry");
        } finally {
            querySide.kill();
            if (commandSide != null) {
                commandSide.kill();
            }
            postgres.stop();
        }
    }

    /** A PostgreSQL server that can be stopped and started again on the same port and data. */
    private static final class RestartablePostgres {

        private final Path dataDir;
        private final int port;
        private EmbeddedPostgres server;

        RestartablePostgres(Path dataDir, int port) {
            this.dataDir = dataDir;
            this.port = port;
        }

        void start() throws IOException {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("fsync", "off").setPGStartupWait(Duration.ofSeconds(60)).start();
        }

        void stop() throws IOException {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
