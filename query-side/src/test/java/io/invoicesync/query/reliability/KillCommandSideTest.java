package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * G2 on the command side: it runs as its own process and is killed with SIGKILL right after a confirm answered, and
 * at seeded random moments while a 20,000-line confirm is being written (-Dkill.seed=N replays a run). A confirm is
 * all or nothing: after the restart the proforma is either confirmed once, with every backlog transaction held,
 * or still a draft that confirms again. Either way Finance ends with exactly its rows.
 */
@Tag("reliability")
class KillCommandSideTest {

    private static final int KILLS_DURING_CONFIRM = 3;
    private static final int LINES = 20_000;

    @Test
    void aConfirmIsAllOrNothingThroughKillNines() throws Exception {
        Random random = Chaos.seeded("kill.seed", KillCommandSideTest.class);
        String url = Chaos.database("kill_command_side");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        FinanceChecks finance = new FinanceChecks(jdbc);
        AppProcess querySide = AppProcess.querySide(url);
        querySide.start();
        AppProcess commandSide = AppProcess.commandSide(url, querySide.port());
        commandSide.start();
        try {
            Api command = new Api(commandSide.port());
            AsyncJob.run(command);
            List<Proformas.Confirmed> invoices = new ArrayList<>();

            // Right after a confirm answered: what it answered is committed.
            invoices.add(Proformas.confirmed(command, "CUST-KC", 1_500));
            commandSide.kill();
            System.out.println("kill -9 of the command side right after a confirm answered 200");
            commandSide.start();
            assertThat(confirmationsOf(jdbc, invoices.get(0).invoiceId())).isEqualTo(1);

            for (int kill = 1; kill <= KILLS_DURING_CONFIRM; kill++) {
                UUID invoiceId = Proformas.draft(command, "CUST-KC" + kill, LINES);
                CompletableFuture<Integer> confirming = CompletableFuture.supplyAsync(() ->
                        command.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "").status());
                long after = random.nextInt(1_500);
                Thread.sleep(after);
                commandSide.kill();
                commandSide.start();
                long confirmations = confirmationsOf(jdbc, invoiceId);
                String answered = confirming.handle((status, error) -> error == null ? "answered " + status
                        : "no answer").join();
                System.out.printf("kill -9 #%d of the command side %d ms into a %d-line confirm (%s): %s%n", kill,
                        after, LINES, answered, confirmations == 1 ? "committed" : "rolled back");
                assertThat(confirmations).as("a confirm commits whole or not at all").isIn(0L, 1L);
                int again = command.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "").status();
                // Confirmed already: refused as a state conflict. Rolled back: it is still a draft and confirms now.
                assertThat(again).isEqualTo(confirmations == 1 ? 409 : 200);
                assertThat(confirmationsOf(jdbc, invoiceId)).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM backlog_transaction WHERE reserved_by_invoice = ?",
                        Long.class, invoiceId)).as("backlog transactions held by the invoice").isEqualTo(LINES);
                invoices.add(new Proformas.Confirmed(invoiceId, LINES, null));
            }

            for (Proformas.Confirmed invoice : invoices) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
                finance.assertSyncedExactlyOnce(invoice.invoiceId(), invoice.lines());
            }
            assertThat(finance.orphans()).isZero();
        } finally {
            commandSide.kill();
            querySide.kill();
        }
    }

    private static long confirmationsOf(JdbcTemplate jdbc, UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.ProformaConfirmed'", Long.class, invoiceId.toString());
    }
}
