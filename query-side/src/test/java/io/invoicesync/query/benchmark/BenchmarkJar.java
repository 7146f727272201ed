package io.invoicesync.query.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the product's jars run as a user runs it: {@code java [-Xmx] -jar}, its output in a log. */
final class BenchmarkJar {

    static final Path COMMAND_JAR = Path.of("../command-side/target/command-side-0.1.0-exec.jar");
    static final Path QUERY_JAR = Path.of("target/query-side-0.1.0.jar");
    private static final String HEAP = System.getProperty("benchmark.heap", "");
    private static final boolean JFR = Boolean.getBoolean("benchmark.jfr");

    /** Both apps' jars, as {@code ./benchmark.sh} builds them first. */
    static void requireBuilt() {
        for (Path jar : List.of(COMMAND_JAR, QUERY_JAR)) {
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build the jars first (./benchmark.sh does)");
            }
        }
    }

    /** What {@code ./run.sh} gives both apps: the embedded server on this port, its data under home, the query side. */
    static Map<String, String> environment(Path home, int pgPort, int queryPort) {
        return Map.of("INVOICESYNC_EMBEDDED_DB_PORT", Integer.toString(pgPort),
                "INVOICESYNC_EMBEDDED_DB_DIR", home.resolve("postgres").toString(),
                "INVOICESYNC_QUERY_SIDE_URL", "http://localhost:" + queryPort);
    }

    private final String name;
    private final Path jar;
    private final Map<String, String> env;
    private final List<String> arguments;
    private final Path log;
    private final Path home;
    private Process process;

    BenchmarkJar(String name, Path jar, Map<String, String> env, Path home, List<String> arguments) {
        this.name = name;
        this.jar = jar;
        this.env = env;
        this.home = home;
        this.arguments = arguments;
        this.log = home.resolve(name + ".log");
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (!HEAP.isBlank()) {
            command.add("-Xmx" + HEAP);
        }
        if (JFR) {
            Path recording = Path.of("target", "benchmark-" + name + ".jfr").toAbsolutePath();
            command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().putAll(env);
        process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    void startAndWait(int port) throws Exception {
        start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The " + name + " did not start; see " + log);
            }
            Thread.sleep(200);
        }
    }

    int runToEnd() throws Exception {
        start();
        if (!process.waitFor(60, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not end within an hour; see " + log);
        }
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C on run.sh: the app shuts down in order. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean listening(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The JVM's CPU time so far, user and system, from /proc (Linux): what the process cost the machine. */
    double cpuSeconds() throws IOException {
        return MachineCpu.processSeconds(Path.of("/proc", Long.toString(process.pid()), "stat"));
    }
}
