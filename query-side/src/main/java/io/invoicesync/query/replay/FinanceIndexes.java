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
 * each deleted once its object is built ({@link #restore()}, which never blocks Finance's writers): a replay that dies leaves them there, and the next query side to start (or the
 * next replay) builds them, unless a live replay holds the Finance group.
 */
@Component
public class FinanceIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FinanceIndexes.class);
    /** Half a second each: a minute of writers that never leave a gap before a restore gives up. */
    private static final int ADD_KEY_ATTEMPTS = 80;
    static final String INDEX = "INDEX";
    static final String FOREIGN_KEY = "FOREIGN_KEY";

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
     * Builds again everything a replay dropped, indexes first, without ever blocking Finance's writers: a replay on a
     * running query side goes on writing new events' rows meanwhile, and so do the other nodes. Until issue 23 this
     * locked the four tables against writes for the whole build, about 15 s at 1,000,000 lines. Now:
     * <ul>
     * <li>an index is built with {@code CREATE INDEX CONCURRENTLY} (its lock lets inserts, updates and deletes go on);
     * one a dead build left invalid is dropped concurrently and built again;</li>
     * <li>a foreign key is added {@code NOT VALID} (a moment's lock, no scan: rows written from then on are checked)
     * and then validated, which scans the table under a lock that lets writers go on.</li>
     * </ul>
     * Each object's statement is deleted once it is built, so a restore cut short resumes with what is left.
     */
    public Rebuilt restore() {
        long start = System.nanoTime();
        List<Deferred> deferred = jdbc.query("""
                SELECT kind, object_name, create_ddl FROM finance_deferred_ddl
                ORDER BY kind = 'FOREIGN_KEY', object_name""",
                (rs, n) -> new Deferred(rs.getString(1), rs.getString(2), rs.getString(3), null));
        int indexes = 0;
        int keys = 0;
        for (Deferred object : deferred) {
            boolean built = object.kind().equals(INDEX) ? buildIndex(object) : buildForeignKey(object);
            if (built && object.kind().equals(INDEX)) {
                indexes++;
            } else if (built) {
                keys++;
            }
            jdbc.update("DELETE FROM finance_deferred_ddl WHERE object_name = ?", object.name());
        }
        return new Rebuilt(indexes, keys, (System.nanoTime() - start) / 1e9);
    }

    /** Answers whether it built the index: one built by hand meanwhile (or by a migration) is left as it is. */
    private boolean buildIndex(Deferred index) {
        Boolean valid = jdbc.query("""
                SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)""",
                rs -> rs.next() ? rs.getBoolean(1) : null, index.name());
        if (Boolean.TRUE.equals(valid)) {
            return false;
        }
        if (valid != null) {
            // A concurrent build that died leaves an invalid index behind, which a new build would collide with.
            jdbc.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index.name());
        }
        jdbc.execute(concurrently(index.create()));
        return true;
    }

    /** "CREATE INDEX name ON …" as pg_get_indexdef writes it, built without blocking writes. */
    static String concurrently(String createIndex) {
        if (!createIndex.startsWith("CREATE INDEX ")) {
            throw new IllegalStateException("Not a plain index definition: " + createIndex);
        }
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + createIndex.substring("CREATE INDEX ".length());
    }

    /** Answers whether it built the key: one there and validated (built by hand meanwhile) is left as it is. */
    private boolean buildForeignKey(Deferred key) {
        Boolean validated = jdbc.query("""
                SELECT convalidated FROM pg_constraint
                WHERE contype = 'f' AND conrelid::regclass::text || '.' || conname = ?""",
                rs -> rs.next() ? rs.getBoolean(1) : null, key.name());
        if (Boolean.TRUE.equals(validated)) {
            return false;
        }
        if (validated == null) {
            addNotValid(key);
        }
        String table = key.name().substring(0, key.name().lastIndexOf('.'));
        String constraint = key.name().substring(key.name().lastIndexOf('.') + 1);
        jdbc.execute("ALTER TABLE " + table + " VALIDATE CONSTRAINT \"" + constraint.replace("\"", "\"\"") + "\"");
        return true;
    }

    /**
     * Adding a key locks both tables against writes for a moment, but waits for that lock behind any writer's open
     * transaction, and writers that come meanwhile would queue behind it: so it waits half a second at most, and tries
     * again after a pause, until it gets the lock between two writers' batches.
     */
    private void addNotValid(Deferred key) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    jdbc.execute("SET LOCAL lock_timeout = '500ms'");
                    jdbc.execute(key.create() + " NOT VALID");
                });
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ADD_KEY_ATTEMPTS) {
                    throw e;
                }
                log.info("Adding {} waited for a writer; trying again ({})", key.name(), e.getMessage());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
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
