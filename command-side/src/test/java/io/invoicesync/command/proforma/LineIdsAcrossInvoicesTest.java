package io.invoicesync.command.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.Api.Response;
import io.invoicesync.command.support.CommandSideTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * G11 on one node: a line id is a Finance key, so one invoice holds it. Reused on another proforma it is refused with
 * 409 before any event is written, and of two clients racing for one id exactly one wins. Across two command-side
 * processes: {@code io.invoicesync.query.reliability.LineIdsAcrossCommandNodesTest}.
 */
@CommandSideTest
class LineIdsAcrossInvoicesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private UUID proforma() {
        Response created = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", "PC-KEYS",
                "customerId", "CUST-KEYS", "currency", "EUR", "invoiceDate", "2026-11-24"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.text("invoiceId"));
    }

    private Response addFees(UUID invoiceId, List<UUID> lineIds) {
        return api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines", lineIds.stream()
                .map(id -> Map.of("lineId", id, "description", "Fee", "quantity", BigDecimal.ONE,
                        "unitPrice", new BigDecimal("10")))
                .toList()));
    }

    private long linesAddedEvents(UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.InvoiceLinesAdded'", Long.class, invoiceId.toString());
    }

    @Test
    void refusesALineIdAnotherProformaHoldsNamingTheFieldTheValueAndTheHolder() {
        UUID first = proforma();
        UUID second = proforma();
        UUID shared1 = UUID.randomUUID();
        UUID shared2 = UUID.randomUUID();
        assertThat(addFees(first, List.of(UUID.randomUUID(), shared1, shared2)).status()).isEqualTo(201);

        Response reused = addFees(second, List.of(UUID.randomUUID(), shared1, shared2));

        assertThat(reused.status()).as(reused.body().toString()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.body().path("errors").get(0).path("field").asString()).isEqualTo("lines[1].lineId");
        assertThat(reused.body().path("errors").get(0).path("rule").asString()).isEqualTo("id-already-taken");
        assertThat(reused.body().path("detail").asString()).contains(shared1.toString())
                .contains("proforma invoice " + first);
        assertThat(linesAddedEvents(second)).as("nothing written for the refused request").isZero();
    }

    @Test
    void aRemovedLineFreesItsIdForAnotherProforma() {
        UUID first = proforma();
        UUID second = proforma();
        UUID lineId = UUID.randomUUID();
        assertThat(addFees(first, List.of(lineId, UUID.randomUUID())).status()).isEqualTo(201);
        assertThat(addFees(second, List.of(lineId)).status()).isEqualTo(409);

        assertThat(api.delete(Api.PM, "/api/proformas/" + first + "/lines/" + lineId).status()).isEqualTo(204);

        assertThat(addFees(second, List.of(lineId)).status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT invoice_id FROM invoice_line_key WHERE line_id = ?", UUID.class,
                lineId)).isEqualTo(second);
    }

    /**
     * The migration that made the ledger filled it from the event store's JSON payloads; run again over today's
     * events (lines added, removed, taken again by another invoice) it must rebuild exactly what the ledger holds.
     */
    @Test
    void theLedgersBackfillFromTheEventStoreRebuildsItExactly() throws Exception {
        aRemovedLineFreesItsIdForAnotherProforma();
        String migration = new String(getClass().getResourceAsStream("/db/command/V4__invoice_line_key.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        String backfill = migration.substring(migration.indexOf("INSERT INTO invoice_line_key"));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM invoice_line_key ORDER BY line_id");
        assertThat(before).isNotEmpty();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("DELETE FROM invoice_line_key");
            jdbc.update(backfill);
            assertThat(jdbc.queryForList("SELECT * FROM invoice_line_key ORDER BY line_id")).isEqualTo(before);
            status.setRollbackOnly();
        });
    }

    @Test
    void ofTwoClientsRacingForOneLineIdExactlyOneWins() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int race = 0; race < 20; race++) {
                UUID a = proforma();
                UUID b = proforma();
                UUID contested = UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> forA = () -> {
                    start.await();
                    return addFees(a, List.of(contested)).status();
                };
                Callable<Integer> forB = () -> {
                    start.await();
                    return addFees(b, List.of(contested)).status();
                };
                Future<Integer> statusA = clients.submit(forA);
                Future<Integer> statusB = clients.submit(forB);
                start.countDown();
                List<Integer> statuses = List.of(statusA.get(), statusB.get());

                assertThat(statuses).as("race %d", race).containsExactlyInAnyOrder(201, 409);
                UUID winner = statuses.get(0) == 201 ? a : b;
                UUID loser = winner.equals(a) ? b : a;
                assertThat(linesAddedEvents(winner)).isEqualTo(1);
                assertThat(linesAddedEvents(loser)).as("the loser wrote no event").isZero();
                assertThat(jdbc.queryForObject("SELECT invoice_id FROM invoice_line_key WHERE line_id = ?", UUID.class,
                        contested)).isEqualTo(winner);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
