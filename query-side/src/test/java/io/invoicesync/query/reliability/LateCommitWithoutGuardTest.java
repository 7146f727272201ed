package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * Why the guard exists: the scenario of {@link LateCommitTest} with appends in plain Axon order, as the framework does
 * by default. The late confirm commits after its gap was dropped and never reaches Finance, though its events are in
 * the store. If this test ever fails, Axon stopped losing late commits, and the guard can be reconsidered.
 */
@Tag("reliability")
@QuerySideTest
@TestPropertySource(properties = {"invoicesync.database.embedded.database=" + LateCommitWithoutGuardTest.DATABASE,
        LateCommitScenario.AGGRESSIVE_GAP_CLEANING, LateCommitScenario.GAP_CLEANING_THRESHOLD,
        "invoicesync.event-store.commit-ordered-appends=false"})
class LateCommitWithoutGuardTest {

    static final String DATABASE = "late_commit_unguarded";

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;


    @Test
    void withoutCommitOrderedAppendsTheLateConfirmIsLost() throws Exception {
        LateCommitScenario.Outcome outcome = LateCommitScenario.run(DATABASE, queryPort,
                "--invoicesync.event-store.commit-ordered-appends=false");

        FinanceChecks finance = new FinanceChecks(jdbc);
        for (Proformas.Confirmed invoice : outcome.others()) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
        }
        // Time for the late events to be read, if they were going to be.
        Thread.sleep(5_000);
        assertThat(LateCommitScenario.committedConfirmations(jdbc)).isEqualTo(outcome.others().size() + 1);
        assertThat(finance.status(outcome.held().invoiceId())).as("the late confirm never reached Finance")
                .isEqualTo("UNKNOWN");
        assertThat(finance.count("finance_invoice_proposal", outcome.held().invoiceId())).isZero();
    }
}
