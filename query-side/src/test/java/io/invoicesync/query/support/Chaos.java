package io.invoicesync.query.support;

import io.invoicesync.platform.database.DatabaseProperties;
import io.invoicesync.platform.database.EmbeddedPostgresServer;
import java.util.Random;

/** What the tests that kill processes share: a world of their own, and randomness that a failure can replay. */
public final class Chaos {

    private Chaos() {
    }

    /** A random source seeded from -D{@code property} if given, else from the clock; the seed is printed either way. */
    public static Random seeded(String property, Class<?> test) {
        long seed = Long.getLong(property, System.nanoTime());
        System.out.println(test.getSimpleName() + " seed: " + seed + " (rerun with -D" + property + "=" + seed + ")");
        return new Random(seed);
    }

    /** The JDBC URL of the named database on the embedded server, created if missing. */
    public static String database(String name) {
        return EmbeddedPostgresServer.jdbcUrl(new DatabaseProperties.Embedded(0, "", name, null, null));
    }
}
