package io.invoicesync.query.finance.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Finance's change feed as a consumer meets it: stopped and resumed at random points while invoices sync, it ends
 * with every Finance row exactly once, each invoice's maps in order; a transaction that commits after later ones is
 * never passed by the cursor; a resync's rows come again marked RESYNCED.
 */
@QuerySideTest
// A world of its own, on few connections: the JVM shares one PostgreSQL among every test database.
@TestPropertySource(properties = {"invoicesync.database.embedded.database=" + ChangeFeedTest.DATABASE,
        "invoicesync.database.maximum-pool-size=4"})
class ChangeFeedTest {

    static final String DATABASE = "change_feed";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> MAP_ORDER = List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections");

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    FinanceChanges changes;
    @Autowired
    PlatformTransactionManager transactionManager;

    /** What a consumer holds: the rows it processed, in order, and the cursor it saved with the last of them. */
    private final List<JsonNode> processed = new ArrayList<>();
    private String saved = null;

    /**
     * A change names its row rather than copying it, and the feed reads the row from Finance. A change whose row
     * Finance does not hold at that moment (a replay has emptied Finance and not written it yet) ends the page
     * before it, as a change not yet visible does; once the row is there, the feed shows it.
     */
    @Test
    void aChangeWhoseRowFinanceDoesNotHoldYetWaitsForIt() {
        ChangeCursor before = jdbc.query("SELECT tx::text::bigint AS tx, seq FROM finance_change "
                        + "ORDER BY finance_change.tx DESC, finance_change.seq DESC LIMIT 1",
                (rs, n) -> new ChangeCursor(rs.getLong("tx"), rs.getLong("seq"))).stream().findFirst()
                .orElse(new ChangeCursor(0, 0));
        UUID invoiceId = UUID.randomUUID();
        try {
            jdbc.update("""
                    INSERT INTO finance_change (table_map, row_kind, change, invoice_id, row_id, batch_number,
                        source_event_id) VALUES ('invoices', 'PROPOSAL', 'WRITTEN', ?, ?, 1, 'made-up')""",
                    invoiceId, invoiceId);
            assertThat(changes.after(before, 100)).as("the page ends before the row Finance lacks").isEmpty();

            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                // Written as a replay writes it: not captured again.
                jdbc.execute("SET LOCAL invoicesync.finance_capture = 'off'");
                jdbc.update("""
                        INSERT INTO finance_invoice_proposal (invoice_proposal_id, project_contract_id, customer_id,
                            sales_currency, invoice_date, line_count, total_amount, sync_mode, batch_number,
                            source_event_id, applied_event_id, applied_at)
                        VALUES (?, 'PC-WAIT', 'CUST-WAIT', 'EUR', DATE '2026-12-07', 0, 0, 'ASYNC', 1, 'made-up',
                            'made-up', now())""", invoiceId);
            });
            List<FinanceChanges.FinanceChange> read = changes.after(before, 100);
            assertThat(read).hasSize(1);
            assertThat(read.get(0).rowId()).isEqualTo(invoiceId);
            assertThat(read.get(0).row().path("customer_id").asString()).isEqualTo("CUST-WAIT");
            assertThat(read.get(0).row().has("applied_event_id")).as("the trace is the change's, not the row's")
                    .isFalse();
        } finally {
            jdbc.update("DELETE FROM finance_change WHERE invoice_id = ?", invoiceId);
            jdbc.update("DELETE FROM finance_invoice_proposal WHERE invoice_proposal_id = ?", invoiceId);
        }
    }

    /**
     * A page is read along the log's primary key, never by sorting the rest of the log: the relay and every consumer
     * read a page at a time, so a sort made them slower the longer the log (at 400,000 changes the relay published
     * about 700 rows/s). Scans and sorts the planner may choose are priced out, so that the plan shows what the
     * query allows, whatever the table's size.
     */
    @Test
    void aPageWalksTheLogsKeyInsteadOfSortingWhatIsLeft() throws Exception {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (Statement settings = db.createStatement()) {
                // Only a sort the query makes necessary is left in the plan, whatever the table holds.
                settings.execute("SET LOCAL enable_seqscan = off");
                settings.execute("SET LOCAL enable_bitmapscan = off");
                settings.execute("SET LOCAL enable_sort = off");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = db.prepareStatement("EXPLAIN " + FinanceChanges.AFTER)) {
                explain.setString(1, "0");
                explain.setLong(2, 0);
                explain.setInt(3, 500);
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                db.rollback();
            }
            assertThat(plan.toString()).contains("Index Scan using finance_change_pkey").doesNotContain("Sort");
        }
    }

    @Test
    void aConsumerStoppedAndResumedAtRandomGetsEveryRowOnceAndEachInvoicesMapsInOrder() throws Exception {
        Api command = new Api(CommandSide.port(DATABASE, queryPort, "--invoicesync.database.maximum-pool-size=4"));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        Random random = new Random(25);
        List<UUID> invoices;
        try (AsyncJob job = AsyncJob.run(command)) {
            // Invoices confirm and sync while the consumer reads, stops and resumes.
            CompletableFuture<List<UUID>> confirming = CompletableFuture.supplyAsync(() -> IntStream.range(0, 8)
                    .mapToObj(i -> Proformas.confirmed(command, "CUST-FEED", 1 + i * 7).invoiceId()).toList());
            while (!confirming.isDone()) {
                consume(query, random);
            }
            invoices = confirming.get();
            for (UUID invoice : invoices) {
                await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
            }
        }
        // Drained: the feed says so (more=false) once everything visible is read.
        while (consume(query, random)) {
            // a page at a time
        }

        Map<UUID, List<JsonNode>> byInvoice = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode change : processed) {
            UUID invoice = UUID.fromString(change.path("invoiceId").asString());
            if (invoices.contains(invoice)) {
                assertThat(seen.add(change.path("kind").asString() + ":" + change.path("rowId").asString()))
                        .as("once: " + change).isTrue();
                byInvoice.computeIfAbsent(invoice, i -> new ArrayList<>()).add(change);
            }
        }
        for (UUID invoice : invoices) {
            long inFinance = jdbc.queryForObject("""
                    SELECT (SELECT count(*) FROM finance_invoice_proposal WHERE invoice_proposal_id = ?)
                         + (SELECT count(*) FROM finance_invoice_proposal_line WHERE invoice_proposal_id = ?)
                         + (SELECT count(*) FROM finance_actual WHERE invoice_proposal_id = ?)
                         + (SELECT count(*) FROM finance_transaction_connection WHERE invoice_proposal_id = ?)""",
                    Long.class, invoice, invoice, invoice, invoice);
            List<JsonNode> rows = byInvoice.get(invoice);
            assertThat(rows).as("every Finance row of " + invoice).hasSize((int) inFinance);
            assertThat(rows.get(0).path("kind").asString()).isEqualTo("PROPOSAL");
            List<Integer> maps = rows.stream().map(r -> MAP_ORDER.indexOf(r.path("tableMap").asString())).toList();
            assertThat(maps).as("maps in order").isSorted();
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.path("change").asString()).isEqualTo("WRITTEN");
                assertThat(r.path("jobId").asString()).isNotBlank();
                assertThat(r.path("sourceEventId").asString()).isNotBlank();
                assertThat(r.path("row").path("invoice_proposal_id").asString()).isEqualTo(invoice.toString());
            });
        }
    }

    @Test
    void theCursorNeverPassesATransactionThatCommitsAfterLaterOnes() throws Exception {
        Api command = new Api(CommandSide.port(DATABASE, queryPort, "--invoicesync.database.maximum-pool-size=4"));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        drain(query);
        UUID early = UUID.randomUUID();
        try (AsyncJob job = AsyncJob.run(command); Connection slow = dataSource.getConnection()) {
            // An early transaction writes a Finance row and stays open...
            slow.setAutoCommit(false);
            try (var insert = slow.prepareStatement("""
                    INSERT INTO finance_invoice_proposal (invoice_proposal_id, project_contract_id, customer_id,
                        sales_currency, invoice_date, line_count, total_amount, sync_mode, batch_number,
                        source_event_id, applied_event_id, applied_at)
                    VALUES (?, 'PC-SLOW', 'CUST-SLOW', 'EUR', DATE '2026-11-24', 0, 0, 'REAL_TIME', 1, 'by hand',
                        'by hand', now())""")) {
                insert.setObject(1, early);
                insert.executeUpdate();
            }
            // ...while a whole invoice is written and committed after it.
            UUID later = Proformas.confirmed(command, "CUST-FEED-LATER", 3).invoiceId();
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(later)));
            JsonNode held = query.send(Api.FINANCE, "GET", "/api/finance/changes?after=" + saved, null).body();
            assertThat(held.path("changes").size()).as("nothing passes the open transaction").isZero();
            assertThat(held.path("next").asString()).isEqualTo(saved);
            slow.commit();

            List<JsonNode> after = drain(query);
            assertThat(after).isNotEmpty();
            assertThat(after.get(0).path("invoiceId").asString()).as("the early one first").isEqualTo(early.toString());
            assertThat(after.stream().filter(c -> c.path("invoiceId").asString().equals(later.toString())).count())
                    .isEqualTo(1 + 3 + 3 + 6);
        }
    }

    @Test
    void aResyncsRowsComeAgainMarkedAndBadCursorsAreRefused() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort, "--invoicesync.database.maximum-pool-size=4"));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        try (AsyncJob job = AsyncJob.run(command)) {
            UUID invoice = Proformas.confirmed(command, "CUST-FEED-RESYNC", 2).invoiceId();
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(invoice)));
            drain(query);
            Api.Response resynced = query.post(Api.ADMIN, job.path() + "/invoices/" + invoice + "/resync",
                    Map.of("reason", "feed check"));
            assertThat(resynced.status()).as(resynced.body().toString()).isEqualTo(200);
            List<JsonNode> again = drain(query);
            assertThat(again).hasSize(1 + 2 + 2 + 4)
                    .allSatisfy(c -> assertThat(c.path("change").asString()).isEqualTo("RESYNCED"));
        }
        for (String bad : List.of("after=yesterday", "after=1-2-3", "limit=0", "limit=1001")) {
            Api.Response refused = query.send(Api.FINANCE, "GET", "/api/finance/changes?" + bad, null);
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.body().toString()).contains(bad.substring(0, bad.indexOf('=')));
        }
        assertThat(query.send(Api.PM, "GET", "/api/finance/changes", null).status()).isEqualTo(403);
    }

    /**
     * One page, of a random size; the consumer processes a random part of it and saves that part's last cursor, as if
     * it stopped (was killed) there; answers whether the feed had more.
     */
    private boolean consume(Api query, Random random) {
        String after = saved == null ? "" : "&after=" + saved;
        JsonNode page = query.send(Api.FINANCE, "GET", "/api/finance/changes?limit=" + (1 + random.nextInt(40))
                + after, null).body();
        JsonNode changes = page.path("changes");
        int kept = changes.size() == 0 ? 0 : random.nextInt(4) == 0 ? random.nextInt(changes.size() + 1)
                : changes.size();
        for (int i = 0; i < kept; i++) {
            processed.add(changes.get(i));
            saved = changes.get(i).path("cursor").asString();
        }
        return page.path("more").asBoolean() || kept < changes.size();
    }

    /** Everything visible now, from the saved cursor; the cursor moves past it. */
    private List<JsonNode> drain(Api query) {
        List<JsonNode> read = new ArrayList<>();
        while (true) {
            JsonNode page = query.send(Api.FINANCE, "GET", "/api/finance/changes?limit=1000"
                    + (saved == null ? "" : "&after=" + saved), null).body();
            page.path("changes").forEach(read::add);
            saved = page.path("next").asString();
            if (!page.path("more").asBoolean()) {
                return read;
            }
        }
    }
}
