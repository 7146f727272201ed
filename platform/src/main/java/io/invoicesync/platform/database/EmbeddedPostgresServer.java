package io.invoicesync.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the JVM itself: the default for tests and for a first run, no Docker needed.
 * Held once per JVM, so every Spring context of a test run shares one server instead of starting one per class.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static int port;

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts the server on first call (later calls share it) and answers the JDBC URL of the named database, which
     * is created if it does not exist yet.
     */
    public static synchronized String jdbcUrl(DatabaseProperties.Embedded settings) {
        if (port == 0) {
            port = start(settings);
        }
        createIfMissing(settings.database());
        return urlFor(settings.database());
    }

    private static void createIfMissing(String database) {
        try (Connection connection = DriverManager.getConnection(urlFor("postgres"));
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on the embedded server", e);
        }
    }

    private static int start(DatabaseProperties.Embedded settings) {
        if (settings.port() > 0 && someoneListensOn(settings.port())) {
            // Another InvoiceSync app on this machine already runs the embedded server on the agreed port: share it.
            log.info("Embedded PostgreSQL already running on port {}, connecting to it", settings.port());
            return settings.port();
        }
        try {
            boolean temporary = settings.dataDir() == null || settings.dataDir().isBlank();
            Path dataDir = temporary ? Files.createTempDirectory("invoicesync-pg")
                    : Files.createDirectories(Path.of(settings.dataDir()).toAbsolutePath());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(temporary)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", temporary ? "off" : "on");
            if (settings.port() > 0) {
                builder.setPort(settings.port());
            }
            EmbeddedPostgres server = builder.start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", server.getPort(), dataDir);
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }

    private static String urlFor(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    private static boolean someoneListensOn(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
