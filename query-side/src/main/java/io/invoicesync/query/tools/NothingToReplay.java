package io.invoicesync.query.tools;

import io.invoicesync.platform.database.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The replay tool refuses, rather than make a database, where there is nothing to replay: no embedded server running
 * and no data directory to start one from (it would have made an empty one there), or a database without an
 * InvoiceSync event store, or an empty store. Each answer is the refusal in words, or null when there is work.
 */
final class NothingToReplay {

    private NothingToReplay() {
    }

    /** Before anything starts: the embedded default, by the same variables the apps read. */
    static String beforeStart(Map<String, String> environment) {
        String url = environment.getOrDefault("INVOICESYNC_DB_URL", "");
        if (!url.isBlank()) {
            return null;
        }
        int port = Integer.parseInt(environment.getOrDefault("INVOICESYNC_EMBEDDED_DB_PORT", "54329"));
        Path dataDir = Path.of(environment.getOrDefault("INVOICESYNC_EMBEDDED_DB_DIR", "data/postgres"));
        if (EmbeddedPostgresServer.someoneListensOn(port) || Files.exists(dataDir.resolve("PG_VERSION"))) {
            return null;
        }
        return "no InvoiceSync database here: nothing listens on port " + port + " and " + dataDir.toAbsolutePath()
                + " holds no data. Run it where ./run.sh keeps its data, or set INVOICESYNC_DB_URL to the apps' "
                + "database";
    }

    /** Once connected: the event store must exist and hold events. */
    static String inStore(JdbcTemplate jdbc) {
        if (jdbc.queryForObject("SELECT to_regclass('domain_event_entry') IS NULL", Boolean.class)) {
            return "this database has no InvoiceSync event store (no domain_event_entry table); point "
                    + "INVOICESYNC_DB_URL at the apps' database";
        }
        if (jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM domain_event_entry)", Boolean.class)) {
            return "the event store is empty: nothing to replay";
        }
        return null;
    }
}
