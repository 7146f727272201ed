package io.invoicesync.query.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker as an operator runs one: Kafka's own {@code kafka.Kafka} in a JVM of its own (KRaft, broker and
 * controller in one node), its data in a directory that outlives the process, on a port that stays the same. So it
 * can be stopped (SIGTERM) or killed (SIGKILL) in the middle of a sync and started again with what it had, which a
 * broker inside the test's JVM cannot.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final Path config;
    private final Path log;
    private Process current;

    private KafkaBroker(int port, Path config, Path log) {
        this.port = port;
        this.config = config;
        this.log = log;
    }

    /** Formats a fresh data directory (a new cluster id) and starts the broker on it. */
    public static KafkaBroker start() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("kafka-broker");
        int port = AppProcess.freePort();
        int controllerPort = AppProcess.freePort();
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                // One node: every internal topic on one replica (transactions need theirs).
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        KafkaBroker broker = new KafkaBroker(port, config, home.resolve("broker.log"));
        Process format = broker.run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString());
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the Kafka broker's storage failed; see " + broker.log);
        }
        broker.startAgain();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /** Starts the broker on its data and port, and waits until it listens. */
    public void startAgain() throws IOException, InterruptedException {
        current = run("kafka.Kafka", config.toString());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!listening()) {
            if (!current.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The Kafka broker did not start; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM: the broker shuts down as an operator stops it (it writes its clean-shutdown marker), awaited. */
    public void stop() throws InterruptedException {
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!current.waitFor(2, TimeUnit.MINUTES)) {
                current.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (current != null && current.isAlive()) {
            current.destroyForcibly().waitFor();
        }
    }

    private Process run(String main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private boolean listening() {
        return AppProcess.listening(port);
    }
}
