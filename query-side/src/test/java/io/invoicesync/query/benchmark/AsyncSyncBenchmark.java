package io.invoicesync.query.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long an invoice takes from confirm to fully in Finance with an active job, and Finance rows per second.
 * Prints figures; asserts only that the result is exact. Run:
 * ./mvnw -B -ntp verify -Pbenchmark -pl query-side -am -Dtest=AsyncSyncBenchmark -Dbenchmark.lines=20000
 */
@Tag("benchmark")
@QuerySideTest
class AsyncSyncBenchmark {

    private static final int LINES = Integer.getInteger("benchmark.lines", 20_000);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void measuresConfirmToSynced() {
        Api command = new Api(CommandSide.port("postgres", queryPort));
        FinanceChecks finance = new FinanceChecks(jdbc);
        try (AsyncJob job = AsyncJob.run(command)) {
            UUID invoiceId = Proformas.draft(command, "CUST-BENCH", LINES);
            long start = System.nanoTime();
            assertThat(command.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "").status()).isEqualTo(200);
            double confirmSeconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "SYNCED".equals(finance.status(invoiceId)));
            double seconds = (System.nanoTime() - start) / 1e9;
            finance.assertSynced(invoiceId, LINES);
            long rows = 1 + 4L * LINES;
            System.out.printf("""

                    ==== InvoiceSync benchmark: async sync of one %,d-line invoice (both apps, real PostgreSQL) ====
                    confirm request (billed actuals and connections created): %8.2f s
                    confirm to fully synced in Finance:                       %8.2f s
                    Finance rows written (header, lines, actuals, connections): %,d
                    Finance rows per second (confirm to synced):              %,10.0f
                    ===============================================================================================
                    %n""", LINES, confirmSeconds, seconds, rows, rows / seconds);
        }
    }
}
