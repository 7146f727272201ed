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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Fairness: while a 100,000-line invoice syncs, an invoice of a few lines confirmed afterwards reaches Finance within
 * seconds, not after the large one, whatever the segment layout: one node with a single segment per group (every
 * invoice in one queue) or two nodes sharing two segments. It holds because one invoice never has more than
 * {@code invoicesync.sync.batches-in-flight} (4) batches on their way to Finance: a small invoice's events wait behind
 * at most those, whichever segment they share. The test prints the figures.
 */
@Tag("reliability")
class FairnessTest {

    private static final int LARGE = 100_000;
    private static final int SMALL_INVOICES = 3;
    private static final Duration WITHIN = Duration.ofSeconds(10);

    enum Layout {
        ONE_NODE_ONE_SEGMENT(1, List.of("--invoicesync.processors.invoice-sync.initial-segment-count=1",
                "--invoicesync.processors.invoice-sync.thread-count=1",
                "--invoicesync.processors.finance.initial-segment-count=1",
                "--invoicesync.processors.finance.thread-count=1")),
        TWO_NODES_TWO_SEGMENTS(2, List.of());

        final int nodes;
        final List<String> settings;

        Layout(int nodes, List<String> settings) {
            this.nodes = nodes;
            this.settings = settings;
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aFewLinesConfirmedWhileALargeInvoiceSyncsReachFinanceWithinSeconds(Layout layout) throws Exception {
        String database = "fairness_" + layout.name().toLowerCase();
        String url = Chaos.database(database);
        FinanceChecks finance = new FinanceChecks(new JdbcTemplate(new DriverManagerDataSource(url)));
        List<AppProcess> nodes = new ArrayList<>();
        for (int i = 0; i < layout.nodes; i++) {
            nodes.add(AppProcess.querySide(url, layout.settings.toArray(String[]::new)));
        }
        try {
            for (AppProcess node : nodes) {
                node.start();
            }
            Api command = new Api(CommandSide.port(database, nodes.get(0).port()));
            try (AsyncJob job = AsyncJob.run(command)) {
                Proformas.Confirmed large = Proformas.confirmed(command, "CUST-FAIR-LARGE", LARGE);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> finance.batches(large.invoiceId()) >= 10);
                List<Double> seconds = new ArrayList<>();
                for (int i = 0; i < SMALL_INVOICES; i++) {
                    UUID small = Proformas.draft(command, "CUST-FAIR-" + i, 3);
                    long confirmedAt = System.nanoTime();
                    assertThat(command.post(Api.PM, "/api/proformas/" + small + "/confirm", "").status())
                            .isEqualTo(200);
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                            .until(() -> "SYNCED".equals(finance.status(small)));
                    seconds.add((System.nanoTime() - confirmedAt) / 1e9);
                    assertThat(finance.status(large.invoiceId())).as("the large invoice is still syncing")
                            .isNotEqualTo("SYNCED");
                    finance.assertSynced(small, 3);
                }
                long largeBatches = finance.batches(large.invoiceId());
                System.out.printf("FAIRNESS %s: %d invoices of 3 lines, confirmed while a %,d-line invoice synced "
                                + "(%d of its %d batches applied by then), reached Finance in %s s; slowest %.2f s%n",
                        layout, SMALL_INVOICES, LARGE, largeBatches, 3 * LARGE / 1_000,
                        seconds.stream().map(s -> String.format("%.2f", s)).toList(),
                        seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                assertThat(seconds).allMatch(s -> s < WITHIN.toSeconds(), "each within " + WITHIN.toSeconds() + " s");
                await().atMost(Duration.ofMinutes(5))
                        .until(() -> "SYNCED".equals(finance.status(large.invoiceId())));
                finance.assertSynced(large.invoiceId(), LARGE);
            }
        } finally {
            for (AppProcess node : nodes) {
                node.kill();
            }
        }
    }
}
