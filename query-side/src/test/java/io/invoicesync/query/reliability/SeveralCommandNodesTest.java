package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.Proformas;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two command-side JVMs on one database behind a round-robin client, as a user who outgrew one node runs them: many
 * clients add lines to one shared draft through both nodes at once, then confirm it through either; many small
 * proformas are each built through one node and confirmed through the other. Every line answered 201 is in Finance
 * once, nothing answers 5xx, no confirm is refused on a stale copy of the proforma, and the invoices sync.
 */
@Tag("reliability")
class SeveralCommandNodesTest {

    private static final int SHARED_LINES = 240;
    private static final int CLIENTS = 8;
    private static final int SMALL_PROFORMAS = 40;

    private static JdbcTemplate jdbc;
    private static AppProcess query;
    private static AppProcess first;
    private static AppProcess second;
    private static List<Api> nodes;

    @BeforeAll
    static void startTwoCommandNodes() throws Exception {
        String url = Chaos.database("several_command_nodes");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        query = AppProcess.querySide(url);
        query.start();
        first = AppProcess.commandSide(url, query.port());
        second = AppProcess.commandSide(url, query.port());
        first.start();
        second.start();
        nodes = List.of(new Api(first.port()), new Api(second.port()));
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (AppProcess app : new AppProcess[]{first, second, query}) {
            if (app != null) {
                app.kill();
            }
        }
    }

    @Test
    void manyClientsEditOneDraftThroughBothNodesAndEveryLineIsInFinanceOnce() throws Exception {
        String contract = "PC-NODES-" + UUID.randomUUID();
        List<UUID> backlog = Proformas.backlog(nodes.get(0), contract, SHARED_LINES);
        Api.Response created = nodes.get(1).post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-NODES", "currency", "EUR", "invoiceDate", "2026-11-24"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        UUID invoiceId = UUID.fromString(created.text("invoiceId"));

        // Round robin: request k goes to node k mod 2, whichever client sends it.
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> conflicts = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<UUID> mine = backlog.subList(c * SHARED_LINES / CLIENTS, (c + 1) * SHARED_LINES / CLIENTS);
            done.add(clients.submit(() -> {
                for (UUID transaction : mine) {
                    while (true) {
                        Api node = nodes.get(next.getAndIncrement() % 2);
                        Api.Response added = node.post(Api.PM, "/api/proformas/" + invoiceId + "/lines",
                                Map.of("lines", List.of(Map.of("backlogTransactionId", transaction))));
                        statuses.computeIfAbsent(added.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (added.status() == 409) {
                            // Retried inside the request and still contended: the problem says to retry, we do.
                            conflicts.add(added.body().path("type").asString());
                            continue;
                        }
                        break;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();

        assertThat(statuses.keySet()).as("statuses " + statuses).isSubsetOf(201, 409);
        assertThat(statuses.get(201).get()).isEqualTo(SHARED_LINES);
        // The nodes did collide on the draft, and decided those commands again on the winner's events.
        long retried = 0;
        for (AppProcess node : List.of(first, second)) {
            retried += Files.readAllLines(node.log()).stream()
                    .filter(line -> line.contains("Will retry") && line.contains("ConcurrencyException")).count();
        }
        assertThat(retried).as("conflicts retried inside their requests").isPositive();
        assertThat(conflicts).allSatisfy(type -> assertThat(type).endsWith("concurrent-change"));
        // Confirmed through each node in turn: the first decides on a copy the other node's edits moved past.
        Api.Response confirmed = nodes.get(next.get() % 2).post(Api.PM, "/api/proformas/" + invoiceId + "/confirm",
                "");
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2)).until(() -> linesInFinance(invoiceId) == SHARED_LINES);
        assertThat(jdbc.queryForObject("SELECT line_count FROM finance_invoice_proposal WHERE invoice_proposal_id = ?",
                Integer.class, invoiceId)).isEqualTo(SHARED_LINES);
        System.out.printf("SeveralCommandNodesTest: %d lines through two nodes, statuses %s, %d conflicts retried "
                + "inside their requests%n", SHARED_LINES, statuses, retried);
    }

    @Test
    void proformasBuiltThroughOneNodeAreConfirmedThroughTheOtherNeverRefusedOnAStaleCopy() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<UUID>> built = new ArrayList<>();
        for (int p = 0; p < SMALL_PROFORMAS; p++) {
            Api builder = nodes.get(p % 2);
            Api confirmer = nodes.get((p + 1) % 2);
            built.add(clients.submit(() -> {
                // The confirming node reads the draft first, so it caches a copy without lines...
                String contract = "PC-NODES-" + UUID.randomUUID();
                UUID invoiceId = emptyDraft(builder, contract);
                assertThat(confirmer.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "").status())
                        .as("an empty draft is refused: the confirming node now holds a copy without lines")
                        .isEqualTo(422);
                // ...that the builder's lines then move past.
                addLines(builder, contract, invoiceId, 3);
                Api.Response confirmed = confirmer.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "");
                assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
                return invoiceId;
            }));
        }
        List<UUID> invoices = new ArrayList<>();
        for (Future<UUID> f : built) {
            invoices.add(f.get());
        }
        clients.shutdown();
        for (UUID invoiceId : invoices) {
            await().atMost(Duration.ofMinutes(2)).until(() -> linesInFinance(invoiceId) == 3);
        }
    }

    private static UUID emptyDraft(Api node, String contract) {
        Api.Response created = node.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-NODES", "currency", "EUR", "invoiceDate", "2026-11-24"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.text("invoiceId"));
    }

    private static void addLines(Api node, String contract, UUID invoiceId, int lines) {
        List<UUID> backlog = Proformas.backlog(node, contract, lines);
        Api.Response added = node.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                backlog.stream().map(id -> Map.of("backlogTransactionId", id)).toList()));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
    }

    private static long linesInFinance(UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?",
                Long.class, invoiceId);
    }
}
