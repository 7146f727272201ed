package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * G2 against late commits: with appends in commit order (the product's setting), a confirm committed long after the
 * gap timeout still reaches Finance, with everything the concurrent writers committed meanwhile.
 * {@link LateCommitWithoutGuardTest} runs the same scenario with the guard off and sees the confirm lost.
 */
@Tag("reliability")
@QuerySideTest
@TestPropertySource(properties = {"invoicesync.database.embedded.database=" + LateCommitTest.DATABASE,
        LateCommitScenario.AGGRESSIVE_GAP_CLEANING, LateCommitScenario.GAP_CLEANING_THRESHOLD})
class LateCommitTest {

    static final String DATABASE = "late_commit";

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyCommittedConfirmReachesFinanceThoughOneCommitsAfterTheGapTimeout() throws Exception {
        LateCommitScenario.Outcome outcome = LateCommitScenario.run(DATABASE, queryPort);

        FinanceChecks finance = new FinanceChecks(jdbc);
        List<Proformas.Confirmed> all = new ArrayList<>(outcome.others());
        all.add(outcome.held());
        for (Proformas.Confirmed invoice : all) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
            finance.assertSynced(invoice.invoiceId(), invoice.lines());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_invoice WHERE status = 'SYNCED'", Long.class))
                .as("every committed confirmation is in Finance")
                .isEqualTo(LateCommitScenario.committedConfirmations(jdbc)).isEqualTo(all.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN "
                + "(SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type LIKE '%.ProformaCreated' "
                + "AND convert_from(payload, 'UTF8') LIKE ?)", Long.class,
                "%" + LateCommitScenario.ROLLED_BACK_CONTRACT + "%"))
                .as("rolled-back appends left nothing").isZero();
        assertThat(finance.orphans()).isZero();
    }
}
