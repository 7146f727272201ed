package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * G11 across two command-side processes on one database: two clients, each on its own node, give the same new line
 * id to two proformas at the same moment. Neither node's aggregate has seen the other's; the line-id ledger, written
 * in each node's event transaction, lets exactly one commit, and the other is refused 409 with nothing written.
 */
@Tag("reliability")
class LineIdsAcrossCommandNodesTest {

    private static final int RACES = 20;

    @Test
    void ofTwoNodesGivingOneLineIdToTwoProformasExactlyOneWins() throws Exception {
        String url = Chaos.database("line_ids_two_nodes");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        // Neither node confirms anything here, so no query side is needed behind them.
        AppProcess first = AppProcess.commandSide(url, AppProcess.freePort());
        AppProcess second = AppProcess.commandSide(url, AppProcess.freePort());
        first.start();
        second.start();
        try {
            Api one = new Api(first.port());
            Api two = new Api(second.port());
            int[] wins = new int[2];
            for (int race = 0; race < RACES; race++) {
                UUID a = proforma(one);
                UUID b = proforma(two);
                UUID contested = UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Integer> onOne = CompletableFuture.supplyAsync(() -> addFee(one, a, contested, start));
                CompletableFuture<Integer> onTwo = CompletableFuture.supplyAsync(() -> addFee(two, b, contested, start));
                start.countDown();
                List<Integer> statuses = List.of(onOne.join(), onTwo.join());

                assertThat(statuses).as("race %d", race).containsExactlyInAnyOrder(201, 409);
                UUID winner = statuses.get(0) == 201 ? a : b;
                wins[statuses.get(0) == 201 ? 0 : 1]++;
                assertThat(jdbc.queryForObject("SELECT invoice_id FROM invoice_line_key WHERE line_id = ?", UUID.class,
                        contested)).isEqualTo(winner);
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)
                        AND payload_type LIKE '%.InvoiceLinesAdded'""", Long.class, a.toString(), b.toString()))
                        .as("one InvoiceLinesAdded: the loser wrote nothing").isEqualTo(1);
            }
            System.out.printf("LineIdsAcrossCommandNodesTest: %d races, node one won %d, node two %d%n", RACES,
                    wins[0], wins[1]);
        } finally {
            first.kill();
            second.kill();
        }
    }

    private static UUID proforma(Api node) {
        Api.Response created = node.post(Api.PM, "/api/proformas", Map.of("projectContractId", "PC-NODES",
                "customerId", "CUST-NODES", "currency", "EUR", "invoiceDate", "2026-11-24"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.text("invoiceId"));
    }

    private static int addFee(Api node, UUID invoiceId, UUID lineId, CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return node.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines", List.of(Map.of(
                "lineId", lineId, "description", "Fee", "quantity", BigDecimal.ONE, "unitPrice", BigDecimal.TEN))))
                .status();
    }
}
