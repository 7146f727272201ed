package io.invoicesync.query.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.query.support.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules as Prometheus itself reads them: {@code promtool check rules} on every file of
 * {@code ops/prometheus}, and {@code promtool test rules} on the unit tests under {@code ops/prometheus/tests} (series
 * in, alerts out: each says when its alert must fire and when it must not). promtool is Debian's {@code prometheus}
 * package.
 */
class AlertRulesTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path RULES = DocsTest.ROOT.resolve("ops/prometheus");

    @Test
    void everyShippedRuleFileIsValid() throws Exception {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "check", "rules"));
        command.addAll(files(RULES, ".yml"));
        assertThat(promtool(command, RULES)).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        Path tests = RULES.resolve("tests");
        List<String> files = files(tests, ".test.yml");
        assertThat(files).as("the rules' unit tests").isNotEmpty();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), "test", "rules"));
        command.addAll(files);
        assertThat(promtool(command, tests)).contains("SUCCESS");
    }

    private static List<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(file -> file.getFileName().toString().endsWith(suffix)).map(Path::toString)
                    .sorted().toList();
        }
    }

    /** Runs promtool in {@code dir}; its output, once it exited 0 (else the test fails with that output). */
    private static String promtool(List<String> command, Path dir) throws Exception {
        DebianPackages.ensure(List.of(PROMTOOL), "prometheus");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
