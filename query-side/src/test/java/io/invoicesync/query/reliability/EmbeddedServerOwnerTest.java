package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.platform.database.EmbeddedPostgresServer;
import io.invoicesync.query.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as {@code ./run.sh} runs it, with a data directory on disk: the server has one owner that
 * stops it, whatever was killed before. A command side killed with SIGKILL leaves PostgreSQL running without a
 * parent; the command side started again takes it over, the query side beside it only connects, and a graceful stop
 * of the owner stops the server.
 */
@Tag("reliability")
class EmbeddedServerOwnerTest {

    @TempDir
    Path dir;

    @Test
    void theNextAppTakesOverAServerAKilledOwnerLeftRunningAndStopsIt() throws Exception {
        Path dataDir = dir.resolve("postgres");
        int databasePort = AppProcess.freePort();
        AppProcess commandSide = AppProcess.onEmbeddedServer(true, dataDir, databasePort);
        AppProcess querySide = AppProcess.onEmbeddedServer(false, dataDir, databasePort);
        try {
            commandSide.start();
            assertThat(Files.readString(commandSide.log())).contains("Embedded PostgreSQL started on port "
                    + databasePort);

            commandSide.kill();
            assertThat(EmbeddedPostgresServer.someoneListensOn(databasePort))
                    .as("SIGKILL leaves the postmaster running, with no one to stop it").isTrue();

            commandSide.start();
            assertThat(Files.readString(commandSide.log()))
                    .contains("was left running by process", "this app now owns it and stops it at exit");
            querySide.start();
            assertThat(Files.readString(querySide.log())).contains("already running on port " + databasePort
                    + ", connecting to it").doesNotContain("now owns it");

            querySide.stop();
            assertThat(EmbeddedPostgresServer.someoneListensOn(databasePort))
                    .as("the app that only connected leaves the server to its owner").isTrue();

            commandSide.stop();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !EmbeddedPostgresServer.someoneListensOn(databasePort));
            assertThat(dataDir.resolve("postmaster.pid")).as("a clean shutdown").doesNotExist();
            assertThat(Files.readString(commandSide.log())).contains("Embedded PostgreSQL on port " + databasePort
                    + " stopped");
        } finally {
            querySide.kill();
            commandSide.kill();
            stopLeftOver(dataDir);
        }
    }

    /** Whatever happened above, no server of this test outlives it. */
    private static void stopLeftOver(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            String pid = Files.readAllLines(pidFile).get(0).strip();
            new ProcessBuilder("kill", "-INT", pid).inheritIO().start().waitFor();
        }
    }
}
