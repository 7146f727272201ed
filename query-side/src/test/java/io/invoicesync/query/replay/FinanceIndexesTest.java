package io.invoicesync.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.query.support.QuerySideTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What a replay drops it builds again as it was when dropped: a statement kept from an earlier, dead replay for an
 * object built again by hand since (otherwise) gives way to the definition the catalog holds now. Building them again
 * never blocks Finance's writers, and finishes what a dead build left half done.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + FinanceIndexesTest.DATABASE)
class FinanceIndexesTest {

    static final String DATABASE = "finance_indexes";
    private static final String INDEX = "finance_actual_line";

    @Autowired
    FinanceIndexes indexes;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    private String definition() {
        return jdbc.queryForObject("SELECT pg_get_indexdef(?::regclass)", String.class, INDEX);
    }

    @Test
    void aStatementLeftByAnEarlierReplayGivesWayToTheDefinitionDroppedNow() {
        String now = definition();
        jdbc.update("INSERT INTO finance_deferred_ddl (object_name, kind, create_ddl, deferred_at) "
                + "VALUES (?, 'INDEX', ?, now())", INDEX,
                "CREATE INDEX finance_actual_line ON public.finance_actual USING btree (invoice_line_id, amount)");

        assertThat(indexes.defer()).isPositive();
        assertThat(jdbc.queryForObject("SELECT create_ddl FROM finance_deferred_ddl WHERE object_name = ?",
                String.class, INDEX)).isEqualTo(now);
        indexes.restore();

        assertThat(definition()).isEqualTo(now);
        assertThat(indexes.deferred()).isZero();
    }

    @Test
    void writersGoOnWhileTheIndexesAndKeysAreBuiltAgain() throws Exception {
        assertThat(indexes.defer()).isPositive();
        try (Connection openWriter = dataSource.getConnection(); Connection newWriter = dataSource.getConnection()) {
            // A writer's batch in flight when the build starts: the build waits for it, as any must.
            openWriter.setAutoCommit(false);
            lockForWriting(openWriter);
            CompletableFuture<FinanceIndexes.Rebuilt> restore = CompletableFuture.supplyAsync(indexes::restore);
            Thread.sleep(1_000);
            assertThat(restore).isNotDone();

            // A writer that comes while the build waits is not queued behind it (with the tables locked for the
            // build, as before, it was, until the lock timeout below failed it).
            newWriter.setAutoCommit(false);
            try (Statement s = newWriter.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '3s'");
            }
            lockForWriting(newWriter);
            newWriter.commit();

            openWriter.commit();
            FinanceIndexes.Rebuilt rebuilt = restore.get(60, TimeUnit.SECONDS);
            assertThat(rebuilt.indexes()).isPositive();
            assertThat(rebuilt.foreignKeys()).isPositive();
        }
        assertThat(indexes.deferred()).isZero();
        assertEverythingBuiltAndValid();
    }

    @Test
    void anInvalidIndexAndAKeyNotYetValidatedLeftByADeadBuildAreFinished() {
        assertThat(indexes.defer()).isPositive();
        indexes.restore();
        String index = definition();
        String key = jdbc.queryForObject("""
                SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint
                WHERE contype = 'f' AND conrelid = 'finance_actual'::regclass ORDER BY conname LIMIT 1""", String.class);
        String table = key.substring(0, key.lastIndexOf('.'));
        String constraint = key.substring(key.lastIndexOf('.') + 1);
        String keyDefinition = jdbc.queryForObject("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = ?::regclass AND conname = ?", String.class, table, constraint);
        // What a build killed midway leaves: an index marked invalid, a key added but not validated.
        jdbc.update("UPDATE pg_index SET indisvalid = false WHERE indexrelid = ?::regclass", INDEX);
        jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
        jdbc.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + keyDefinition + " NOT VALID");
        jdbc.update("INSERT INTO finance_deferred_ddl (object_name, kind, create_ddl, deferred_at) "
                + "VALUES (?, 'INDEX', ?, now()), (?, 'FOREIGN_KEY', ?, now())", INDEX, index, key,
                "ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + keyDefinition);

        FinanceIndexes.Rebuilt rebuilt = indexes.restore();

        assertThat(rebuilt.indexes()).isEqualTo(1);
        assertThat(rebuilt.foreignKeys()).isEqualTo(1);
        assertThat(definition()).isEqualTo(index);
        assertEverythingBuiltAndValid();
    }

    @Test
    void anIndexIsBuiltConcurrentlyFromTheDefinitionTheCatalogGives() {
        assertThat(FinanceIndexes.concurrently("CREATE INDEX finance_actual_line ON public.finance_actual USING btree "
                + "(invoice_line_id)")).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS finance_actual_line ON "
                + "public.finance_actual USING btree (invoice_line_id)");
    }

    private static void lockForWriting(Connection writer) throws Exception {
        try (Statement s = writer.createStatement()) {
            // The lock every INSERT takes, on each Finance table a batch writes.
            s.execute("LOCK TABLE finance_invoice_proposal, finance_invoice_proposal_line, finance_actual, "
                    + "finance_transaction_connection IN ROW EXCLUSIVE MODE");
        }
    }

    private void assertEverythingBuiltAndValid() {
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM pg_index WHERE NOT indisvalid
                  AND indrelid IN ('finance_actual'::regclass, 'finance_invoice_proposal_line'::regclass,
                                   'finance_transaction_connection'::regclass, 'finance_invoice_proposal'::regclass)""",
                Integer.class)).as("invalid indexes").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated",
                Integer.class)).as("keys not validated").isZero();
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, INDEX)).isTrue();
    }
}
