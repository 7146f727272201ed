package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import java.time.Duration;
import java.util.List;
import java.util.Random;
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
 * {@code ./mvnw -B -ntp verify -pl query-side -am -Dtest=KillQuerySideTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("reliability")
class KillQuerySideTest {

    private static final int KILLS = 10;
    private static final String DATABASE = "kill9";

    @Test
    void syncsExactlyOnceThroughTenKillNines() throws Exception {
        Random random = Chaos.seeded("kill.seed", KillQuerySideTest.class);
        String url = Chaos.database(DATABASE);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        // A killed node's claims block its successor until they time out; keep that short here.
        AppProcess querySide = AppProcess.querySide(url, "--axon.eventhandling.tokenstore.claim-timeout=2s");
        querySide.start();
        try {
            Api command = new Api(CommandSide.port(DATABASE, querySide.port()));
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
                finance.assertSyncedExactlyOnce(invoice.invoiceId(), invoice.lines());
            }
            assertThat(finance.orphans()).isZero();
        } finally {
            querySide.kill();
        }
    }
}
