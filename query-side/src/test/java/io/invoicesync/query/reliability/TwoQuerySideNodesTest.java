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
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * G2 with two query-side nodes on one PostgreSQL, each its own process with the product's default claim timeout
 * (10 s): they split the segments of the saga and Finance processors; one is frozen with SIGSTOP for 8 s and woken;
 * then one is killed with SIGKILL mid-sync (which ones is seeded: -Dnodes.seed=N); the survivor takes over every segment, the coordinator's included, within the claim
 * timeout; the result is exact.
 * The takeover time is printed.
 */
@Tag("reliability")
class TwoQuerySideNodesTest {

    private static final String DATABASE = "twonodes";
    private static final List<String> PROCESSORS = List.of("sync-coordinator", "invoice-sync", "finance");
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLAIM_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STALL = Duration.ofSeconds(8);

    private static final int LARGE = 50_000;
    /** Its three maps, a batch per 1,000 lines each. */
    private static final int LARGE_BATCHES = 3 * LARGE / 1_000;

    @Test
    void twoNodesSplitTheSegmentsAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
        Random random = Chaos.seeded("nodes.seed", TwoQuerySideNodesTest.class);
        String url = Chaos.database(DATABASE);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        FinanceChecks finance = new FinanceChecks(jdbc);
        AppProcess first = AppProcess.querySide(url);
        AppProcess second = AppProcess.querySide(url);
        first.start();
        second.start();
        try {
            for (String group : List.of("invoice-sync", "finance")) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    assertThat(segmentsOwnedBy(jdbc, group, first)).as(group + " on the first node").isEqualTo(1);
                    assertThat(segmentsOwnedBy(jdbc, group, second)).as(group + " on the second node").isEqualTo(1);
                });
            }
            Api command = new Api(CommandSide.port(DATABASE, first.port()));
            List<Proformas.Confirmed> invoices = new ArrayList<>();
            long takeoverMillis;
            try (AsyncJob job = AsyncJob.run(command)) {
                // Large enough (150 batches) to be still syncing after the stall and at the kill.
                invoices.add(Proformas.confirmed(command, "CUST-N", LARGE));
                for (int i = 0; i < 4; i++) {
                    invoices.add(Proformas.confirmed(command, "CUST-N" + i, 1_500));
                }
                // First a stall: one node frozen (SIGSTOP) past the 5 s a silent node is given. The other takes its
                // segments; when it wakes, its batch in flight cannot store its token and rolls back.
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> finance.batches(invoices.get(0).invoiceId()) >= 3);
                AppProcess stalled = random.nextBoolean() ? first : second;
                stalled.pause();
                Thread.sleep(STALL.toMillis());
                stalled.resume();
                System.out.printf("SIGSTOP of the %s node for %d s, then SIGCONT, after %d batches of the large "
                        + "invoice%n", stalled == first ? "first" : "second", STALL.toSeconds(),
                        finance.batches(invoices.get(0).invoiceId()));

                int batchesBeforeKill = Math.min(LARGE_BATCHES - 1,
                        (int) finance.batches(invoices.get(0).invoiceId()) + 3 + random.nextInt(15));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> finance.batches(invoices.get(0).invoiceId()) >= batchesBeforeKill);
                AppProcess victim = random.nextBoolean() ? first : second;
                AppProcess survivor = victim == first ? second : first;
                String victimOwner = victim.ownerPrefix();
                victim.kill();
                long killedAt = System.nanoTime();
                System.out.printf("kill -9 of the %s node after %d batches of the large invoice%n",
                        victim == first ? "first" : "second", finance.batches(invoices.get(0).invoiceId()));
                await().atMost(CLAIM_TIMEOUT.multipliedBy(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> PROCESSORS.stream().allMatch(group ->
                                segmentsOwnedBy(jdbc, group, survivor) == segments(jdbc, group)));
                takeoverMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
                System.out.printf("takeover: the survivor holds every segment %d ms after the kill "
                        + "(claim timeout %d s, claim interval %d s)%n", takeoverMillis, CLAIM_TIMEOUT.toSeconds(),
                        CLAIM_INTERVAL.toSeconds());
                assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE owner LIKE ?", Long.class,
                        victimOwner + "%")).as("claims left to the dead node").isZero();
                for (Proformas.Confirmed invoice : invoices) {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                            .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
                }
            }
            for (Proformas.Confirmed invoice : invoices) {
                finance.assertSyncedExactlyOnce(invoice.invoiceId(), invoice.lines());
            }
            assertThat(finance.orphans()).isZero();
            // The survivor releases a silent node's claims after 5 s without a beat rather than waiting for them to
            // time out, then claims them at its next interval.
            assertThat(Duration.ofMillis(takeoverMillis)).isLessThan(CLAIM_TIMEOUT);
        } finally {
            first.kill();
            second.kill();
        }
    }

    private static long segments(JdbcTemplate jdbc, String group) {
        return jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class, group);
    }

    private static long segmentsOwnedBy(JdbcTemplate jdbc, String group, AppProcess node) {
        return jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner LIKE ?",
                Long.class, group, node.ownerPrefix() + "%");
    }
}
