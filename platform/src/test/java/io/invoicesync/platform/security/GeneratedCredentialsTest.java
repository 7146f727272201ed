package io.invoicesync.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCredentialsTest {

    @TempDir
    Path data;

    @Test
    void makesStrongPasswordsOnFirstStartKeepsThemPrivateAndGivesTheSameOnesLater() throws IOException {
        Path file = data.resolve("credentials.properties");

        Map<String, String> first = GeneratedCredentials.loadOrCreate(file, List.of("admin", "finance", "pm", "sync"));
        Map<String, String> again = GeneratedCredentials.loadOrCreate(file, List.of("admin", "finance", "pm", "sync"));

        assertThat(first.values()).doesNotHaveDuplicates().allSatisfy(password ->
                assertThat(password).matches("[A-Za-z0-9_-]{22}"));
        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties stored = new Properties();
        stored.load(Files.newBufferedReader(file));
        assertThat(stored).containsAllEntriesOf(first);
    }

    @Test
    void addsAMissingAccountWithoutChangingTheOthers() {
        Path file = data.resolve("credentials.properties");
        Map<String, String> before = GeneratedCredentials.loadOrCreate(file, List.of("pm"));

        Map<String, String> after = GeneratedCredentials.loadOrCreate(file, List.of("admin", "pm"));

        assertThat(after.get("pm")).isEqualTo(before.get("pm"));
        assertThat(after.get("admin")).isNotBlank().isNotEqualTo(before.get("pm"));
    }
}
