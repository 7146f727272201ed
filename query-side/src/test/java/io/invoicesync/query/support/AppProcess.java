package io.invoicesync.query.support;

import io.invoicesync.command.CommandSideApplication;
import io.invoicesync.query.QuerySideApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the two apps as an operator runs it: its own JVM on the test's classpath, the database in the environment,
 * its output appended to a log file. It can be killed with SIGKILL and started again on the same port.
 */
public final class AppProcess {

    private final String name;
    private final Class<?> main;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process current;

    private AppProcess(String name, Class<?> main, String databaseUrl, int port, List<String> arguments)
            throws IOException {
        this(name, main, Map.of("INVOICESYNC_DB_URL", databaseUrl, "INVOICESYNC_DB_USER", "postgres"), port,
                arguments);
    }

    private AppProcess(String name, Class<?> main, Map<String, String> environment, int port, List<String> arguments)
            throws IOException {
        this.name = name;
        this.main = main;
        this.environment = environment;
        this.port = port;
        this.arguments = arguments;
        this.log = Files.createTempFile(name, ".log");
    }

    /** A query-side node; a killed node's claims block its successor until they time out, so tests pass a short one. */
    public static AppProcess querySide(String databaseUrl, String... arguments) throws IOException {
        return new AppProcess("query-side", QuerySideApplication.class, databaseUrl, freePort(), List.of(arguments));
    }

    public static AppProcess commandSide(String databaseUrl, int querySidePort, String... arguments) throws IOException {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--invoicesync.query-side.url=http://localhost:" + querySidePort);
        return new AppProcess("command-side", CommandSideApplication.class, databaseUrl, freePort(), all);
    }

    /**
     * An app on the embedded default, as {@code ./run.sh} starts it: no database URL, the embedded server on this port
     * with its data in this directory (the first app to start runs it), the credentials file beside it.
     */
    public static AppProcess onEmbeddedServer(boolean commandSide, Path dataDir, int databasePort) throws IOException {
        Map<String, String> environment = Map.of("INVOICESYNC_DB_URL", "",
                "INVOICESYNC_EMBEDDED_DB_DIR", dataDir.toString(),
                "INVOICESYNC_EMBEDDED_DB_PORT", Integer.toString(databasePort),
                "INVOICESYNC_CREDENTIALS_FILE", dataDir.resolveSibling("credentials.properties").toString());
        return commandSide
                ? new AppProcess("command-side", CommandSideApplication.class, environment, freePort(), List.of())
                : new AppProcess("query-side", QuerySideApplication.class, environment, freePort(), List.of());
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The owner name this process writes on its token claims: Axon's default, pid@host. */
    public String ownerPrefix() {
        return current.pid() + "@";
    }

    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), "--server.port=" + port));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        current = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!listening()) {
            if (!current.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The " + name + " did not start; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: no shutdown hook, no claim released, no transaction finished. */
    public void kill() throws InterruptedException {
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            current.waitFor();
        }
    }

    /** SIGTERM, as an operator stops an app (Ctrl-C in {@code ./run.sh}): a graceful shutdown, awaited. */
    public void stop() throws InterruptedException {
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!current.waitFor(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The " + name + " did not stop within 2 minutes; see " + log);
            }
        }
    }

    /** SIGSTOP: the process freezes as in a long GC pause or a VM stall; its sockets and claims stay open. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: the frozen process carries on where it stopped, unaware that time passed. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + current.pid() + " failed: " + exit);
        }
    }

    public boolean isAlive() {
        return current != null && current.isAlive();
    }

    private boolean listening() {
        return listening(port);
    }

    /** Something on this machine accepts connections on the port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
