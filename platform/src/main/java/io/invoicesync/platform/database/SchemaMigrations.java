package io.invoicesync.platform.database;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Both apps share one database but own different tables. Each migration set ({@code db/axon} for Axon's stores, then
 * one per app) keeps its own Flyway history table, so neither app ever sees the other's migrations as unknown.
 */
final class SchemaMigrations {

    static final String AXON_STORES = "axon";

    private SchemaMigrations() {
    }

    static void migrate(DataSource dataSource, List<String> appModules) {
        List<String> modules = new ArrayList<>();
        modules.add(AXON_STORES);
        modules.addAll(appModules);
        for (String module : modules) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/" + module)
                    .table("flyway_history_" + module)
                    // The schema is shared: a set that meets another set's tables starts from an empty baseline.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        }
    }
}
