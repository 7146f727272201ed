package io.invoicesync.platform.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords for the accounts that the environment gives none: made on first start (128 random bits each), kept in a
 * file of the data folder that only its owner may read, and printed once, when they are made. Both apps, and several
 * processes starting at once, read the same file (a file lock orders them). The file is also a shell script:
 * {@code . data/credentials.properties} sets {@code $pm}, {@code $admin}, {@code $finance} and {@code $sync}.
 */
public final class GeneratedCredentials {

    private static final Logger log = LoggerFactory.getLogger(GeneratedCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedCredentials() {
    }

    /** The plain passwords of these accounts, from the file, made (and added to it) where missing. */
    public static Map<String, String> loadOrCreate(Path file, Collection<String> accounts) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Properties stored = read(absolute);
                Map<String, String> made = new TreeMap<>();
                for (String account : accounts) {
                    if (stored.getProperty(account, "").isBlank()) {
                        made.put(account, newPassword());
                    }
                }
                if (!made.isEmpty()) {
                    made.forEach(stored::setProperty);
                    write(absolute, stored);
                    log.warn("""

                            ====================================================================================
                             InvoiceSync made passwords for accounts the environment gave none. Shown this once;
                             kept in {} (readable by its owner only).
                            {}
                             For production give each account a {bcrypt} hash in the environment, or use JWT.
                            ====================================================================================""",
                            absolute, made.entrySet().stream().map(e -> String.format("   %-8s %s", e.getKey(),
                                    e.getValue())).reduce((a, b) -> a + "\n" + b).orElse(""));
                }
                Map<String, String> passwords = new TreeMap<>();
                accounts.forEach(account -> passwords.put(account, stored.getProperty(account)));
                return passwords;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the generated credentials in " + file, e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        // URL-safe Base64 without padding: letters, digits, '-' and '_', safe in a shell and in a Basic header.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static void write(Path file, Properties properties) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps the folder's permissions.
        }
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            writer.write("# InvoiceSync passwords made on first start. Keep this file private.\n");
            for (String account : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
                writer.write(account + "=" + properties.getProperty(account) + "\n");
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
