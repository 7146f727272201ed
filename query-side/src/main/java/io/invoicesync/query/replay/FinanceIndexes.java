package io.invoicesync.query.replay;

import io.invoicesync.query.nodes.NodesProperties;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A replay loads the Finance tables as PostgreSQL's manual advises for a bulk load ("Populating a Database"): without
 * their secondary indexes and foreign keys, which are built again once at the end, a sort per index and one join per
 * key, instead of an index insertion and a key lookup (with a row lock on the parent) for every row. On a
 * 100,000-line invoice that took the replay's own processing from 23.9 s to 14.3 s, building them again included (about
 * a second).
 *
 * <p>What is dropped is read from the catalog, so an index a later migration adds is covered too. Primary keys and
 * unique indexes stay: the writers' {@code ON CONFLICT} needs them, and they are rules, not speed-ups. The statements
 * that build them again are kept in {@code finance_deferred_ddl}, written in the transaction that drops them, and
 * deleted in the one that runs them: a replay that dies leaves them there, and the next query side to start (or the
 * next replay) builds them, unless a live replay holds the Finance group.
 */
@Component
public class FinanceIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FinanceIndexes.class);
    static final String INDEX = "INDEX";
    static final String FOREIGN_KEY = "FOREIGN_KEY";
    private static final int RESTORE_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NodesProperties nodes;

    /** What a restore built, and how long it took. */
    public record Rebuilt(int indexes, int foreignKeys, double seconds) {
    }

    public FinanceIndexes(JdbcTemplate jdbc, PlatformTransactionManager transactions, NodesProperties nodes) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.nodes = nodes;
    }

    /**
     * Drops the Finance tables' foreign keys (those between them and those pointing at them) and their secondary
     * indexes, keeping the statements that build them again; answers how many objects were dropped.
     */
    public int defer() {
        Integer dropped = transaction.execute(status -> {
            String[] tables = FinanceChecksum.TABLES.toArray(String[]::new);
            List<Deferred> keys = jdbc.query("""
                    SELECT c.conrelid::regclass::text || '.' || c.conname,
                           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                                  pg_get_constraintdef(c.oid)),
                           format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname)
                    FROM pg_constraint c
                    WHERE c.contype = 'f' AND (c.conrelid = ANY (?::regclass[]) OR c.confrelid = ANY (?::regclass[]))
                    ORDER BY 1""", (rs, n) -> new Deferred(FOREIGN_KEY, rs.getString(1), rs.getString(2),
                    rs.getString(3)), tables, tables);
            List<Deferred> indexes = jdbc.query("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),
                           format('DROP INDEX %s', i.indexrelid::regclass)
                    FROM pg_index i
                    WHERE i.indrelid = ANY (?::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
                      AND NOT i.indisexclusion
                    ORDER BY 1""", (rs, n) -> new Deferred(INDEX, rs.getString(1), rs.getString(2), rs.getString(3)),
                    (Object) tables);
            for (Deferred object : Stream.concat(keys.stream(), indexes.stream()).toList()) {
                // A statement kept for this name is older than the object now dropped (built again by hand since,
                // perhaps otherwise): the definition just read from the catalog is the one to build again.
                jdbc.update("""
                        INSERT INTO finance_deferred_ddl (object_name, kind, create_ddl, deferred_at)
                        VALUES (?, ?, ?, now())
                        ON CONFLICT (object_name) DO UPDATE SET kind = excluded.kind, create_ddl = excluded.create_ddl,
                            deferred_at = excluded.deferred_at""",
                        object.name(), object.kind(), object.create());
                jdbc.execute(object.drop());
            }
            return keys.size() + indexes.size();
        });
        return dropped == null ? 0 : dropped;
    }

    /**
     * Builds again everything a replay dropped, indexes first, in one transaction: all of it or, when a statement
     * fails, none of it (and the statements stay for the next try). A replay on a running query side goes on writing
     * new events' rows meanwhile: its tables are locked first, all four at once, so that a writer between two of
     * the statements cannot deadlock with them, and a deadlock all the same (a writer's transaction spanning tables
     * in another order) is tried again.
     */
    public Rebuilt restore() {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                Rebuilt rebuilt = restoreOnce();
                return new Rebuilt(rebuilt.indexes(), rebuilt.foreignKeys(), (System.nanoTime() - start) / 1e9);
            } catch (PessimisticLockingFailureException e) {
                if (attempt == RESTORE_ATTEMPTS) {
                    throw e;
                }
                log.info("Building the Finance indexes again met a deadlock; trying again ({})", e.getMessage());
            }
        }
    }

    private Rebuilt restoreOnce() {
        return transaction.execute(status -> {
            jdbc.execute("LOCK TABLE " + String.join(", ", FinanceChecksum.TABLES) + " IN SHARE ROW EXCLUSIVE MODE");
            List<Deferred> deferred = jdbc.query("""
                    SELECT kind, object_name, create_ddl FROM finance_deferred_ddl
                    ORDER BY kind = 'FOREIGN_KEY', object_name""",
                    (rs, n) -> new Deferred(rs.getString(1), rs.getString(2), rs.getString(3), null));
            int indexes = 0;
            int keys = 0;
            for (Deferred object : deferred) {
                if (!exists(object)) {
                    jdbc.execute(object.create());
                    if (object.kind().equals(INDEX)) {
                        indexes++;
                    } else {
                        keys++;
                    }
                }
            }
            jdbc.update("DELETE FROM finance_deferred_ddl");
            return new Rebuilt(indexes, keys, 0);
        });
    }

    /** One built again by hand meanwhile (or by a migration) is not built twice, which would fail all the others. */
    private boolean exists(Deferred object) {
        return Boolean.TRUE.equals(object.kind().equals(INDEX)
                ? jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, object.name())
                : jdbc.queryForObject("SELECT exists (SELECT 1 FROM pg_constraint WHERE contype = 'f' "
                        + "AND conrelid::regclass::text || '.' || conname = ?)", Boolean.class, object.name()));
    }

    /** How many indexes and foreign keys are dropped now, waiting to be built again. */
    public int deferred() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM finance_deferred_ddl", Integer.class);
        return count == null ? 0 : count;
    }

    /**
     * At start-up, before any processor runs: what a replay that died dropped is built again, unless a replay is
     * alive (its hold on the group refreshed within {@code invoicesync.nodes.live-for}): that one builds them itself.
     */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            // A tool pointed at a database that is not InvoiceSync's refuses it later (NothingToReplay), not here.
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass('finance_deferred_ddl') IS NOT NULL",
                    Boolean.class)) || deferred() == 0) {
                return;
            }
            Boolean replayAlive = jdbc.queryForObject("SELECT exists (SELECT 1 FROM replay_hold "
                    + "WHERE seen_at > now() - ? * interval '1 ms')", Boolean.class, nodes.liveFor().toMillis());
            if (!Boolean.TRUE.equals(replayAlive)) {
                Rebuilt rebuilt = restore();
                log.warn("Built again {} indexes and {} foreign keys of the Finance tables that a replay which did "
                        + "not finish had dropped ({} s)", rebuilt.indexes(), rebuilt.foreignKeys(),
                        String.format("%.1f", rebuilt.seconds()));
            }
        } catch (DataAccessException e) {
            // The app still serves (reads are slower without the indexes); the next start tries again.
            log.error("Could not build again the Finance indexes and foreign keys a replay had dropped: {}",
                    e.getMessage());
        }
    }

    private record Deferred(String kind, String name, String create, String drop) {
    }
}
