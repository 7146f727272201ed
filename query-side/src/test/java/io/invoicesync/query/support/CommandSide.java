package io.invoicesync.query.support;

import io.invoicesync.command.CommandSideApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real command side, started in the test JVM beside the query side under test: its own Spring context, its own
 * Axon configuration and HTTP port, the same embedded PostgreSQL. Started once per database and kept for the run.
 */
public final class CommandSide {

    private static final Map<String, ConfigurableApplicationContext> RUNNING = new HashMap<>();

    private CommandSide() {
    }

    public static int port(String database, int querySidePort, String... settings) {
        return ((WebServerApplicationContext) context(database, querySidePort, settings)).getWebServer().getPort();
    }

    /** The command side's context, for a test that must act inside it (hold one of its transactions open). */
    public static synchronized ConfigurableApplicationContext context(String database, int querySidePort,
                                                                      String... settings) {
        return RUNNING.computeIfAbsent(database, name -> {
            List<String> arguments = new ArrayList<>(List.of(
                    "--spring.config.name=" + CommandSideApplication.CONFIG_NAME,
                    "--server.port=0",
                    "--invoicesync.database.embedded.port=0",
                    "--invoicesync.database.embedded.data-dir=",
                    "--invoicesync.database.embedded.database=" + name,
                    "--invoicesync.query-side.url=http://localhost:" + querySidePort));
            arguments.addAll(List.of(settings));
            return new SpringApplicationBuilder(CommandSideApplication.class).run(arguments.toArray(String[]::new));
        });
    }
}
