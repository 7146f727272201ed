package io.invoicesync.platform.database;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the one PostgreSQL database is. With no {@code url}, the app starts an embedded PostgreSQL server itself.
 *
 * @param url             JDBC URL of an external PostgreSQL (INVOICESYNC_DB_URL); blank means embedded
 * @param username        the database user (INVOICESYNC_DB_USER, default postgres)
 * @param password        its password (INVOICESYNC_DB_PASSWORD); blank for the embedded server
 * @param maximumPoolSize connections this app keeps open at most (default 10)
 * @param schemaModules   the migration sets this app owns, applied in order after Axon's stores (db/<name>)
 * @param embedded        where and how the embedded server runs
 * @param idleInTransactionTimeout how long PostgreSQL lets one of this app's sessions sit idle inside a transaction
 *                        before it ends the session (default 60 s): a process frozen mid-transaction (a stalled VM,
 *                        SIGSTOP) would otherwise hold its row locks for as long as it stays frozen (the event
 *                        store's append lock is taken only inside COMMIT, which the server completes on its own)
 * @param rewriteBatchedInserts send JDBC batches of inserts as multi-row INSERTs (the driver's
 *                        reWriteBatchedInserts); batch update counts are then unknown (-2), so an app whose code
 *                        counts inserted rows (the command side's backlog ledger does) must keep it off
 * @param migrate         apply the migrations at start (default); the replay tool turns it off, so that pointed at a
 *                        database that is not InvoiceSync's it refuses instead of creating a schema there
 */
@ConfigurationProperties("invoicesync.database")
public record DatabaseProperties(String url, String username, String password, int maximumPoolSize,
                                 List<String> schemaModules, Embedded embedded, Duration idleInTransactionTimeout,
                                 boolean rewriteBatchedInserts, Boolean migrate) {

    public DatabaseProperties {
        idleInTransactionTimeout = idleInTransactionTimeout == null ? Duration.ofSeconds(60) : idleInTransactionTimeout;
        schemaModules = schemaModules == null ? List.of() : List.copyOf(schemaModules);
        embedded = embedded == null ? new Embedded(0, "", null, null, null) : embedded;
        maximumPoolSize = maximumPoolSize <= 0 ? 10 : maximumPoolSize;
        migrate = migrate == null || migrate;
    }

    public boolean isExternal() {
        return url != null && !url.isBlank();
    }

    /**
     * @param port     0 picks a free port (tests); a fixed port lets a second app on this machine find the server
     * @param dataDir  blank means a temporary directory removed at exit (tests); otherwise data survives restarts
     * @param database the database inside the server, created on first use: tests that need a world of their own
     *                 (no integration job ever run, say) name their own
     * @param synchronousCommit PostgreSQL's synchronous_commit for a server with a data directory: on by
     *                 default (INVOICESYNC_EMBEDDED_DB_SYNCHRONOUS_COMMIT), so a request answered 200 survives
     *                 a machine crash; off trades the last moments of commits for speed. A temporary server (tests)
     *                 runs with fsync off anyway
     * @param statementStatistics load PostgreSQL's pg_stat_statements (off by default): what the month-end
     *                 benchmark reads to say where the database's time per invoice goes; it costs a little on every
     *                 statement, so a user turns it on to profile, not to run
     */
    public record Embedded(int port, String dataDir, String database, Boolean synchronousCommit,
                           Boolean statementStatistics) {

        public Embedded {
            database = database == null || database.isBlank() ? "postgres" : database;
            synchronousCommit = synchronousCommit == null || synchronousCommit;
            statementStatistics = statementStatistics != null && statementStatistics;
        }
    }
}
