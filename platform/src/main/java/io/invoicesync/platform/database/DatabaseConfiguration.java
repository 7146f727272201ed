package io.invoicesync.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseConfiguration {

    /** The schema is migrated before the DataSource is handed out, so no Axon store or handler sees a missing table. */
    @Bean(destroyMethod = "close")
    public DataSource dataSource(DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        if (properties.isExternal()) {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        } else {
            config.setJdbcUrl(EmbeddedPostgresServer.jdbcUrl(properties.embedded()));
        }
        if (properties.rewriteBatchedInserts()) {
            // A JDBC batch of inserts goes to PostgreSQL as multi-row INSERTs, not a statement per row. The driver
            // then reports no per-row update counts, so only an app none of whose code reads them may turn it on.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        config.setMaximumPoolSize(properties.maximumPoolSize());
        config.setPoolName("invoicesync");
        // While the database is away, a request fails within seconds (503) instead of hanging Hikari's default 30 s:
        // within 5 s as the README promises, the wait for a connection plus the request's own work (5 s of waiting
        // made it 5.2 to 6.3 s).
        config.setConnectionTimeout(3_500);
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = "
                + properties.idleInTransactionTimeout().toMillis());
        HikariDataSource dataSource = new ClosingServerToo(config);
        if (properties.migrate()) {
            SchemaMigrations.migrate(dataSource, properties.schemaModules());
        }
        return dataSource;
    }

    /** Closed by Spring last of all; an embedded server this app started then stops too (EmbeddedPostgresServer). */
    static final class ClosingServerToo extends HikariDataSource implements AutoCloseable {

        ClosingServerToo(HikariConfig config) {
            super(config);
        }

        @Override
        public void close() {
            super.close();
            EmbeddedPostgresServer.stopIfStartedHere();
        }
    }
}
