package io.invoicesync.query.tools;

import io.invoicesync.platform.InvoiceSyncApplication;
import io.invoicesync.query.QuerySideApplication;
import io.invoicesync.query.RunsOnlyInTheApp;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The query side as its command-line tools ({@code replay}, {@code reconcile}) start it: no web server, and nothing
 * that publishes events (no coordinator, saga or node heartbeat: {@link RunsOnlyInTheApp}); the same
 * database settings as the app.
 */
public final class ToolContext {

    private ToolContext() {
    }

    /**
     * Runs a tool and ends the JVM with its exit code: Axon's threads are not daemons, so a tool that failed must
     * still end the process. An unexpected failure is one line on stderr and {@code error}.
     */
    public static void runAndExit(String tool, ToIntFunction<PrintStream> run, int error) {
        int code;
        try {
            code = run.applyAsInt(System.out);
        } catch (RuntimeException e) {
            System.err.println(tool + " failed: " + oneLine(e));
            code = error;
        }
        System.exit(code);
    }

    public static boolean asksForHelp(List<String> words) {
        return words.contains("--help") || words.contains("-h") || words.equals(List.of("help"));
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return (e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "")).replace('\n', ' ');
    }

    /** Why there is nothing to work on before anything starts (no server, no data directory), else null. */
    public static String nothingThere() {
        return NothingToReplay.beforeStart(System.getenv());
    }

    /** Why there is nothing to work on once connected (no event store, or an empty one), else null. */
    public static String nothingIn(ConfigurableApplicationContext context) {
        return NothingToReplay.inStore(context.getBean(JdbcTemplate.class));
    }

    public static ConfigurableApplicationContext open(String... settings) {
        InvoiceSyncApplication.disableAxonUpdateChecker();
        List<String> arguments = new ArrayList<>(List.of("--spring.config.name=" + QuerySideApplication.CONFIG_NAME,
                "--" + RunsOnlyInTheApp.TOOL_PROPERTY + "=true",
                // Never create a schema where there is none: refuse instead (NothingToReplay).
                "--invoicesync.database.migrate=false",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .bannerMode(Banner.Mode.OFF)
                .run(arguments.toArray(String[]::new));
    }
}
