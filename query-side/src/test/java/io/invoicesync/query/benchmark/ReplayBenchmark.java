package io.invoicesync.query.benchmark;

import io.invoicesync.query.ProcessingGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.replay.ReplayProgress;
import io.invoicesync.query.replay.ReplayReport;
import io.invoicesync.query.replay.ReplayService;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code replay finance --verify} on a store holding one synced 100,000-line invoice: events and Finance rows per
 * second. Run: ./mvnw -B -ntp verify -Pbenchmark -pl query-side -am -Dtest=ReplayBenchmark
 */
@Tag("benchmark")
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=replay_benchmark")
class ReplayBenchmark {

    private static final int LINES = Integer.getInteger("benchmark.lines", 100_000);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReplayService replay;

    @Test
    void replaysAStoreHoldingA100000LineInvoice() {
        Api command = new Api(CommandSide.port("replay_benchmark", queryPort));
        FinanceChecks finance = new FinanceChecks(jdbc);
        Proformas.Confirmed invoice;
        try (AsyncJob job = AsyncJob.run(command)) {
            invoice = Proformas.confirmed(command, "CUST-BIG", LINES);
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> replay.status().stream()
                .filter(s -> s.processingGroup().equals(ProcessingGroups.FINANCE)).allMatch(s -> s.lag() == 0));
        long storedBytes = jdbc.queryForObject("SELECT sum(length(payload)) FROM domain_event_entry", Long.class);

        ReplayReport report = replay.replayFinance(true, false, ReplayProgress.NONE);

        assertThat(report.verified()).isTrue();
        finance.assertSynced(invoice.invoiceId(), LINES);
        System.out.printf("""

                ==== InvoiceSync benchmark: replay finance --verify, store holding one %,d-line invoice ====
                events in the store:          %,d (%,.1f MB of payloads)
                replay time:                  %.1f s
                events per second:            %,.0f
                Finance rows rebuilt:         %,d (%,.0f rows per second)
                ==========================================================================================
                %n""", LINES, report.eventsRead(), storedBytes / 1e6, report.seconds(), report.eventsPerSecond(),
                report.after().rows(), report.after().rows() / report.seconds());
    }
}
