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
 *
 * <p>A server on a lasting data directory has exactly one owner, the app that stops it: the app that started it, or,
 * when that app was killed and left the server running, the next app that finds it so ({@link ServerOwner}). The
 * other app on this machine only connects.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static int port;
    /** The server this JVM started on a lasting data directory: stopped by {@link #stopIfStartedHere()}. */
    private static EmbeddedPostgres lasting;
    private static ServerOwner lastingOwner;
    /** A server a killed app left running, which this JVM took over: stopped by its postmaster's pid. */
    private static ServerOwner.Adopted adopted;

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
        boolean temporary = settings.dataDir() == null || settings.dataDir().isBlank();
        if (settings.port() > 0 && someoneListensOn(settings.port())) {
            // Another InvoiceSync app on this machine already runs the embedded server on the agreed port: share it,
            // and own it if the app that owned it is gone.
            adopted = temporary ? null : adoptIfOrphaned(Path.of(settings.dataDir()).toAbsolutePath());
            if (adopted == null) {
                log.info("Embedded PostgreSQL already running on port {}, connecting to it", settings.port());
            } else {
                log.info("Embedded PostgreSQL on port {} was left running by process {}, which is gone: this app now "
                        + "owns it and stops it at exit", settings.port(), adopted.formerOwner());
            }
            return settings.port();
        }
        try {
            Path dataDir = temporary ? Files.createTempDirectory("invoicesync-pg")
                    : Files.createDirectories(Path.of(settings.dataDir()).toAbsolutePath());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(temporary)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // A lasting server is stopped after the app's context has closed (stopIfStartedHere), not by the
                    // library's own shutdown hook, which ran beside Spring's and took the database away from the
                    // processors still stopping. A temporary one (tests, shared by contexts) keeps the hook.
                    .setRegisterShutdownHook(temporary)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", temporary ? "off" : "on")
                    // The library's default is off: a commit answered before it is on disk. Durable by default.
                    .setServerConfig("synchronous_commit", temporary || !settings.synchronousCommit() ? "off" : "on");
            if (settings.statementStatistics()) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            if (settings.port() > 0) {
                builder.setPort(settings.port());
            }
            EmbeddedPostgres server = startOrExplain(builder);
            if (!temporary) {
                lasting = server;
                lastingOwner = ServerOwner.of(dataDir);
                lastingOwner.claim();
            }
            log.info("Embedded PostgreSQL started on port {} with data in {}", server.getPort(), dataDir);
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server" + dataVersionHint(settings),
                    e);
        }
    }

    /**
     * Stops the server if this JVM owns it (started it on a lasting data directory, or took it over from a killed
     * owner): called when the app's DataSource closes, which is after every processor and handler of the app has
     * stopped. A server another running app owns is left to it.
     */
    public static synchronized void stopIfStartedHere() {
        if (lasting == null && adopted == null) {
            return;
        }
        try {
            if (lasting != null) {
                lasting.close();
                lastingOwner.release();
            } else {
                adopted.stop();
            }
            log.info("Embedded PostgreSQL on port {} stopped", port);
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL on port {}: {}", port, e.getMessage());
        } finally {
            lasting = null;
            lastingOwner = null;
            adopted = null;
            port = 0;
        }
    }

    private static ServerOwner.Adopted adoptIfOrphaned(Path dataDir) {
        try {
            return ServerOwner.of(dataDir).adoptIfOrphaned();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read who owns the embedded PostgreSQL of " + dataDir, e);
        }
    }

    /**
     * The images leave the PostgreSQL binaries out (they run against INVOICESYNC_DB_URL): say so, rather than the
     * library's "Missing embedded postgres binaries".
     */
    private static EmbeddedPostgres startOrExplain(EmbeddedPostgres.Builder builder) throws IOException {
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("Missing embedded postgres binaries")) {
                throw e;
            }
            throw new IllegalStateException("This build of InvoiceSync has no embedded PostgreSQL (a container image "
                    + "has none): set INVOICESYNC_DB_URL to your PostgreSQL (and INVOICESYNC_DB_USER, "
                    + "INVOICESYNC_DB_PASSWORD)", e);
        }
    }

    /**
     * The usual reason a lasting data directory does not start: it was made by another major version (this version
     * moved from PostgreSQL 14 to 16, the version Compose runs), which no server of another major version opens.
     */
    private static String dataVersionHint(DatabaseProperties.Embedded settings) {
        if (settings.dataDir() == null || settings.dataDir().isBlank()) {
            return "";
        }
        Path version = Path.of(settings.dataDir()).toAbsolutePath().resolve("PG_VERSION");
        try {
            return Files.exists(version) ? ": " + version.getParent() + " holds PostgreSQL " + Files.readString(version)
                    .strip() + " data. If that is not the embedded server's major version (16), dump it with that "
                    + "version's pg_dump and restore it into a new directory, or move it aside to start afresh "
                    + "(rm -rf data)" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String urlFor(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Whether a server answers on this local port (an app's embedded PostgreSQL, say). */
    public static boolean someoneListensOn(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
