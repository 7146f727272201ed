package io.invoicesync.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.nodes.QueryNode;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import io.invoicesync.query.support.Tool;
import io.invoicesync.query.support.Tool.Exit;
import io.invoicesync.query.tools.ReplayCommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * G6: a Finance read model built by real syncs (a 20,000-line invoice, one stopped and resumed, one retried after an
 * error) is rebuilt from the event store by the command-line tool, run as its own process like an operator would,
 * and by the admin endpoint; the result is identical by checksum, a corrupted row is repaired, and a replay is refused
 * while a running query side holds the claims.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + ReplayTest.DATABASE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    static final String DATABASE = "replay";
    private static final String[] FINANCE_TABLES = FinanceChecksum.TABLES.toArray(String[]::new);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    FinanceChecksum checksum;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    FinanceIndexes indexes;

    private String synced;
    private List<String> schema;
    private Proformas.Confirmed reconciled;

    @BeforeAll
    void buildAFinanceModelBySyncing() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        query.put(Api.ADMIN, "/api/finance/customers/CUST-LATE", Map.of("onHold", true, "holdReason", "review"));
        AsyncJob job = AsyncJob.run(command);
        Proformas.Confirmed large = Proformas.confirmed(command, "CUST-L", 20_000);
        Proformas.Confirmed retried = Proformas.confirmed(command, "CUST-LATE", 40);
        await().atMost(Duration.ofMinutes(3)).until(() -> finance.batches(large.invoiceId()) >= 3);
        job.close();
        Proformas.Confirmed resumed = Proformas.confirmed(command, "CUST-R", 2_500);
        job.runAgain();
        await().atMost(Duration.ofMinutes(3)).until(() -> "FAILED".equals(finance.status(retried.invoiceId())));
        query.put(Api.ADMIN, "/api/finance/customers/CUST-LATE", Map.of("onHold", false));
        assertThat(job.retry().status()).isEqualTo(202);
        for (Proformas.Confirmed invoice : List.of(large, retried, resumed)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
            finance.assertSynced(invoice.invoiceId(), invoice.lines());
        }
        job.close();
        await().atMost(Duration.ofMinutes(1)).until(() -> lagOf("finance") == 0);
        synced = checksum.compute().md5();
        schema = financeSchema();
        reconciled = resumed;
    }

    @Test
    @Order(1)
    void refusesWhileARunningQuerySideHoldsTheClaims() throws Exception {
        Exit exit = replay("finance");

        assertThat(exit.code()).isEqualTo(ReplayCommandLine.REFUSED);
        assertThat(exit.err().strip()).startsWith("replay refused: processing group finance is claimed by another "
                + "running query side").doesNotContain("\n");
        assertThat(checksum.compute().md5()).isEqualTo(synced);
    }

    @Test
    @Order(2)
    void saysWhatItWouldDoOnADryRunAndShowsStatus() throws Exception {
        Exit dryRun = replay("finance", "--dry-run");
        Exit status = replay("status");
        Exit wrong = replay("everything");

        assertThat(dryRun.code()).isZero();
        assertThat(dryRun.out()).contains("dry run: would reset processing group finance")
                .contains("finance_actual").contains("Nothing was changed");
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("processing group").containsPattern("finance\\s+0\\s+\\d+\\s+\\d+\\s+0");
        assertThat(wrong.code()).isEqualTo(ReplayCommandLine.ERROR);
        assertThat(wrong.err()).contains("unknown command everything", "usage: replay status | replay finance");
    }

    @Test
    @Order(3)
    void helpsNamesABadOptionAndRefusesWhereThereIsNothingToReplayWithoutMakingADatabase() throws Exception {
        Exit help = replay("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("usage: replay status | replay finance", "--verify", "Exit codes");

        Exit typo = replay("finance", "--verfy");
        assertThat(typo.code()).isEqualTo(ReplayCommandLine.ERROR);
        assertThat(typo.err()).contains("unknown option --verfy");

        // An existing database that is not InvoiceSync's: refused, and left without a single table.
        String empty = Chaos.database("replay_nothing_here");
        Exit notOurs = replayWith(Map.of("INVOICESYNC_DB_URL", empty, "INVOICESYNC_DB_USER", "postgres"), "status");
        assertThat(notOurs.code()).as(notOurs.err()).isEqualTo(ReplayCommandLine.REFUSED);
        assertThat(notOurs.err()).contains("replay refused: this database has no InvoiceSync event store");
        try (var connection = java.sql.DriverManager.getConnection(empty);
             var tables = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }

        // No server and no data directory: refused, and no directory made.
        Path nowhere = Files.createTempDirectory("replay").resolve("postgres");
        Exit noDatabase = replayWith(Map.of("INVOICESYNC_DB_URL", "", "INVOICESYNC_EMBEDDED_DB_PORT", "1",
                "INVOICESYNC_EMBEDDED_DB_DIR", nowhere.toString()), "finance");
        assertThat(noDatabase.code()).as(noDatabase.err()).isEqualTo(ReplayCommandLine.REFUSED);
        assertThat(noDatabase.err()).contains("replay refused: no InvoiceSync database here");
        assertThat(nowhere).doesNotExist();
    }

    @Test
    @Order(4)
    void repairsACorruptedRowAndVerifiesAnIdenticalRebuild() throws Exception {
        EventProcessor finance = processing.eventProcessor("finance").orElseThrow();
        finance.shutDown();
        try {
            jdbc.update("UPDATE finance_actual SET amount = 0.01 WHERE actual_id = "
                    + "(SELECT actual_id FROM finance_actual ORDER BY actual_id LIMIT 1)");
            assertThat(checksum.compute().md5()).isNotEqualTo(synced);

            Exit repaired = replay("finance");
            assertThat(repaired.code()).as(repaired.err()).isZero();
            assertThat(checksum.compute().md5()).isEqualTo(synced);

            Exit verified = replay("finance", "--verify");
            assertThat(verified.code()).as(verified.err()).isZero();
            assertThat(verified.out()).contains("verified: the rebuilt Finance read model is identical")
                    .contains(synced).containsPattern("replayed [\\d,]+ events")
                    .containsPattern("loaded without 8 indexes and 6 foreign keys, built again at the end in [\\d.]+ s");
            // The indexes and keys the replay loaded without are back, exactly as the migrations made them.
            assertThat(financeSchema()).isEqualTo(schema);
            assertThat(indexes.deferred()).isZero();
        } finally {
            finance.start();
        }
    }

    @Test
    @Order(5)
    void replaysFromTheAdminEndpointAndVerifies() {
        Api query = new Api(queryPort);

        Api.Response started = query.post(Api.ADMIN, "/api/replay/finance?verify=true", "");
        assertThat(started.status()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(2)).until(() ->
                !query.send(Api.ADMIN, "GET", "/api/replay/finance", null).text("state").equals("RUNNING"));

        JsonNode run = query.send(Api.ADMIN, "GET", "/api/replay/finance", null).body();
        assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("DONE");
        assertThat(run.path("report").path("verified").asBoolean()).isTrue();
        assertThat(run.path("report").path("after").path("md5").asString()).isEqualTo(synced);
        assertThat(query.send(Api.FINANCE, "POST", "/api/replay/finance", "").status()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void takesTheGroupOverFromTheRunningQuerySideAndHandsItBack() throws Exception {
        assertThat(ownersOf("finance")).as("this running node holds the group").containsOnly(QueryNode.ID);

        Exit exit = replay("finance", "--take-over", "--verify");

        assertThat(exit.code()).as(exit.err()).isZero();
        assertThat(exit.out()).contains("verified: the rebuilt Finance read model is identical").contains(synced);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM replay_hold", Long.class)).as("hold released").isZero();
        // The running node claims its segments again once the hold is gone, and its model is the rebuilt one.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(ownersOf("finance")).containsOnly(QueryNode.ID));
        assertThat(checksum.compute().md5()).isEqualTo(synced);
    }

    @Test
    @Order(7)
    void buildsAgainAtTheNextStartTheIndexesAReplayThatDiedHadDroppedAndReconcilesOnlyThen() throws Exception {
        // What a replay does before it loads, and then dies: its hold goes stale, its dropped objects stay listed.
        assertThat(indexes.defer()).isEqualTo(14);
        assertThat(financeSchema()).isEmpty();
        Timestamp checked = jdbc.queryForObject("SELECT checked_at FROM sync_reconciliation WHERE invoice_id = ?",
                Timestamp.class, reconciled.invoiceId());
        jdbc.update("INSERT INTO sync_reconciliation_queue (invoice_id, job_id, synced_at) SELECT invoice_id, job_id, "
                + "synced_at FROM sync_reconciliation WHERE invoice_id = ?", reconciled.invoiceId());

        // A replay still alive elsewhere keeps them: a tool starting meanwhile leaves them to it.
        jdbc.update("INSERT INTO replay_hold (processing_group, holder, seen_at) "
                + "VALUES ('finance', 'a-replay-elsewhere', now() + interval '1 minute')");
        try {
            Exit meanwhile = replay("status");
            assertThat(meanwhile.code()).as(meanwhile.err()).isZero();
            assertThat(indexes.deferred()).isEqualTo(14);
        } finally {
            jdbc.update("DELETE FROM replay_hold WHERE holder = 'a-replay-elsewhere'");
        }
        // Without its indexes a check would scan whole tables: the queued invoice waits.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sync_reconciliation_queue WHERE invoice_id = ?",
                Long.class, reconciled.invoiceId())).isOne();
        // An operator builds one index and one key again by hand meanwhile: the others are built all the same.
        jdbc.execute("CREATE INDEX finance_actual_line ON finance_actual (invoice_line_id)");
        jdbc.execute("ALTER TABLE finance_actual ADD CONSTRAINT finance_actual_invoice_line_id_fkey "
                + "FOREIGN KEY (invoice_line_id) REFERENCES finance_invoice_proposal_line (line_id)");

        Exit next = replay("status");

        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).contains("Built again 7 indexes and 5 foreign keys of the Finance tables that a replay "
                + "which did not finish had dropped");
        assertThat(financeSchema()).isEqualTo(schema);
        assertThat(indexes.deferred()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT checked_at FROM sync_reconciliation WHERE invoice_id = ?", Timestamp.class,
                reconciled.invoiceId())).isAfter(checked));
        assertThat(checksum.compute().md5()).isEqualTo(synced);
    }

    @Test
    @Order(8)
    void resyncsOneInvoiceFromTheCommandLineWhileTheQuerySideRuns() throws Exception {
        UUID invoice = reconciled.invoiceId();
        jdbc.update("UPDATE finance_actual SET amount = 1 WHERE actual_id = (SELECT actual_id FROM finance_actual "
                + "WHERE invoice_proposal_id = ? ORDER BY actual_id LIMIT 1)", invoice);
        assertThat(checksum.compute().md5()).isNotEqualTo(synced);

        Exit resynced = replay("finance", "--invoice", invoice.toString(), "--reason", "amount edited by hand");

        assertThat(resynced.code()).as(resynced.err()).isZero();
        assertThat(resynced.out()).contains("invoice " + invoice, "written again from", "RECONCILED");
        assertThat(checksum.compute().md5()).isEqualTo(synced);
        // The Finance group records the action from its event, a moment later.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT actor, reason FROM sync_activity WHERE action = 'RESYNC' AND invoice_ids = ?",
                invoice.toString())).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("actor", "cli:" + System.getProperty("user.name"))
                .containsEntry("reason", "amount edited by hand")));

        Exit notAnId = replay("finance", "--invoice", "INV-1");
        assertThat(notAnId.code()).isEqualTo(ReplayCommandLine.ERROR);
        assertThat(notAnId.err()).contains("--invoice takes an invoice id");
        Exit unknown = replay("finance", "--invoice", UUID.randomUUID().toString());
        assertThat(unknown.code()).as(unknown.err()).isEqualTo(ReplayCommandLine.REFUSED);
        assertThat(unknown.err()).contains("is not in any integration job");
    }

    /** The secondary indexes and foreign keys on the Finance tables, as PostgreSQL would create them. */
    private List<String> financeSchema() {
        return jdbc.queryForList("""
                SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = ANY (?::regclass[]) AND NOT indisprimary
                UNION ALL
                SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE contype = 'f' AND conrelid = ANY (?::regclass[])
                ORDER BY 1""", String.class, FINANCE_TABLES, FINANCE_TABLES);
    }

    private List<String> ownersOf(String group) {
        return jdbc.queryForList("SELECT coalesce(owner, '-') FROM token_entry WHERE processor_name = ?", String.class,
                group);
    }

    private long lagOf(String group) {
        Long lag = jdbc.queryForObject("SELECT (SELECT max(global_index) FROM domain_event_entry) - "
                + "coalesce(min((convert_from(token, 'UTF8')::json ->> 'index')::bigint), -1) FROM token_entry "
                + "WHERE processor_name = ? AND token_type LIKE '%GapAwareTrackingToken'", Long.class, group);
        return lag == null ? Long.MAX_VALUE : lag;
    }

    /** The tool as an operator runs it: a separate JVM, the query side's classpath, the database in the environment. */
    private Exit replay(String... words) throws IOException, InterruptedException {
        return replayWith(Map.of("INVOICESYNC_DB_URL", ((HikariDataSource) dataSource).getJdbcUrl(),
                "INVOICESYNC_DB_USER", "postgres"), words);
    }

    private Exit replayWith(Map<String, String> environment, String... words)
            throws IOException, InterruptedException {
        return Tool.run(environment, "replay", words);
    }
}
