package io.invoicesync.query.support;

import io.invoicesync.query.tools.QuerySideMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the query side's command-line tools ({@code replay}, {@code reconcile}) as an operator runs it: a separate
 * JVM on the query side's classpath, the database in its environment; its exit code and output.
 */
public final class Tool {

    public record Exit(int code, String out, String err) {
    }

    private Tool() {
    }

    public static Exit run(Map<String, String> environment, String tool, String... words)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), QuerySideMain.class.getName(), tool));
        command.addAll(List.of(words));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(tool, ".out");
        Path err = Files.createTempFile(tool, ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " " + String.join(" ", words) + " did not end");
        }
        return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
