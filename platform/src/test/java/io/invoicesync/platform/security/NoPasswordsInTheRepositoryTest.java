package io.invoicesync.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No password ships with the product: the apps' resources, the scripts and the Compose file name environment
 * variables with empty defaults, never a value, and no plain-text {noop} password or the old development ones.
 */
class NoPasswordsInTheRepositoryTest {

    private static final Pattern FORBIDDEN = Pattern.compile("\\{noop}|(pm|admin|finance|sync)-secret");
    /** A yml password key must take its value from the environment with nothing after the colon. */
    private static final Pattern YML_PASSWORD = Pattern.compile("^\\s*password:\\s*(.*)$");
    private static final Pattern FROM_ENVIRONMENT = Pattern.compile("\"?\\$\\{[A-Z_]+:?}\"?");

    @Test
    void theShippedFilesHoldNoPassword() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> shipped = new ArrayList<>();
        for (String module : List.of("platform", "command-side", "query-side", "shared-kernel")) {
            Path resources = root.resolve(module).resolve("src/main/resources");
            if (Files.isDirectory(resources)) {
                try (Stream<Path> files = Files.walk(resources)) {
                    files.filter(Files::isRegularFile).forEach(shipped::add);
                }
            }
        }
        for (String file : List.of("run.sh", "docker-compose.yml", "docs/walkthrough.sh", ".ci/run")) {
            if (Files.exists(root.resolve(file))) {
                shipped.add(root.resolve(file));
            }
        }
        assertThat(shipped).as("the resources were found").hasSizeGreaterThan(5);

        List<String> found = new ArrayList<>();
        for (Path file : shipped) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                var password = YML_PASSWORD.matcher(line);
                boolean valueInYml = file.toString().endsWith(".yml") && password.matches()
                        && !FROM_ENVIRONMENT.matcher(password.group(1).replaceAll("\\s*#.*$", "")).matches();
                if (FORBIDDEN.matcher(line).find() || valueInYml) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertThat(found).as("passwords in shipped files").isEmpty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
