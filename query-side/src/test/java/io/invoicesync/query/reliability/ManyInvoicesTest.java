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
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Month end: 1,000 invoices of 1 to 50 lines confirmed by several clients at once, plus two large ones, through one
 * running job. Every invoice ends synced with exactly its rows, and reconciled against its confirmed proforma. The
 * test prints how long it took and the invoices per second.
 */
@Tag("reliability")
class ManyInvoicesTest {

    private static final String DATABASE = "many_invoices";
    private static final int CLIENTS = 8;
    private static final int SMALL = 1_000;
    private static final int LARGE = 20_000;

    @Test
    void aThousandSmallInvoicesFromSeveralClientsAndTwoLargeOnesAllSyncAndReconcile() throws Exception {
        Random random = Chaos.seeded("many.seed", ManyInvoicesTest.class);
        String url = Chaos.database(DATABASE);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        FinanceChecks finance = new FinanceChecks(jdbc);
        AppProcess querySide = AppProcess.querySide(url);
        querySide.start();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 2);
        try (AsyncJob job = AsyncJob.run(new Api(CommandSide.port(DATABASE, querySide.port())))) {
            int commandPort = CommandSide.port(DATABASE, querySide.port());
            List<Integer> sizes = random.ints(SMALL, 1, 51).boxed().toList();
            long started = System.nanoTime();
            List<Future<List<Map.Entry<UUID, Integer>>>> confirming = new ArrayList<>();
            for (int large = 0; large < 2; large++) {
                String customer = "CUST-MONTH-END-LARGE-" + large;
                confirming.add(clients.submit(() -> {
                    Proformas.Confirmed invoice = Proformas.confirmed(new Api(commandPort), customer, LARGE);
                    return List.of(Map.entry(invoice.invoiceId(), LARGE));
                }));
            }
            for (int client = 0; client < CLIENTS; client++) {
                List<Integer> share = sizes.subList(client * SMALL / CLIENTS, (client + 1) * SMALL / CLIENTS);
                String customer = "CUST-MONTH-END-" + client;
                confirming.add(clients.submit(() -> {
                    Api api = new Api(commandPort); // each client its own connection
                    List<Map.Entry<UUID, Integer>> confirmed = new ArrayList<>();
                    for (int lines : share) {
                        confirmed.add(Map.entry(Proformas.confirmed(api, customer, lines).invoiceId(), lines));
                    }
                    return confirmed;
                }));
            }
            List<Map.Entry<UUID, Integer>> invoices = new ArrayList<>();
            for (Future<List<Map.Entry<UUID, Integer>>> client : confirming) {
                invoices.addAll(client.get());
            }
            double confirmSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(invoices).hasSize(SMALL + 2);

            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM sync_reconciliation", Long.class) == SMALL + 2);
            double seconds = (System.nanoTime() - started) / 1e9;
            long rows = invoices.stream().mapToLong(i -> 1 + 4L * i.getValue()).sum();

            long lines = invoices.stream().mapToLong(Map.Entry::getValue).sum();
            System.out.printf("MANY INVOICES: %,d invoices (%,d of 1-50 lines from %d clients, 2 of %,d lines), "
                            + "%,d lines, %,d Finance rows: confirmed in %.1f s, all synced and reconciled %.1f s "
                            + "after the first confirm: %.1f invoices/s, %,.0f rows/s%n",
                    invoices.size(), SMALL, CLIENTS, LARGE, lines, rows, confirmSeconds, seconds,
                    invoices.size() / seconds, rows / seconds);
            assertThat(jdbc.queryForList("SELECT status FROM sync_reconciliation", String.class))
                    .as("every invoice reconciled").hasSize(SMALL + 2).containsOnly("RECONCILED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_invoice WHERE status = 'SYNCED'", Long.class))
                    .isEqualTo(SMALL + 2);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_error", Long.class)).isZero();
            for (Map.Entry<UUID, Integer> invoice : invoices) {
                assertThat(finance.count("finance_actual", invoice.getKey())).isEqualTo(invoice.getValue().longValue());
            }
            assertThat(jdbc.queryForObject("SELECT sum(amount) FROM finance_actual", BigDecimal.class))
                    .isEqualByComparingTo(Proformas.LINE_AMOUNT.multiply(BigDecimal.valueOf(lines)));
        } finally {
            clients.shutdownNow();
            querySide.kill();
        }
    }
}
