package io.invoicesync.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, the accessibility engine (npm package {@code axe-core}, pinned), run on the page the browser shows: the
 * console's browser test fails on any serious or critical violation. The package comes from the npm registry with the
 * machine's npm, into {@code target/axe} once; it is evaluated through the driver, which the page's
 * Content-Security-Policy does not govern, so the page itself loads nothing more.
 */
public final class Axe {

    static final String VERSION = "4.14.1";
    private static final Path DIRECTORY = Path.of("target", "axe");
    private static final Path SCRIPT = DIRECTORY.resolve("node_modules/axe-core/axe.min.js");
    private static String source;

    private Axe() {
    }

    /** Checks the page as it is now; {@code view} names it in the failure. */
    public static void check(WebDriver browser, String view) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        if (Boolean.FALSE.equals(page.executeScript("return typeof window.axe !== 'undefined';"))) {
            page.executeScript(script());
        }
        Object violations = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((result) => done(result.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements, e.g. ${v.nodes
                        .slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`)))
                    .catch((e) => done(['axe failed: ' + e]));""");
        assertThat((java.util.List<?>) violations).as("serious or critical accessibility violations on " + view)
                .isEmpty();
    }

    private static synchronized String script() {
        if (source != null) {
            return source;
        }
        try {
            if (!Files.exists(SCRIPT)) {
                Files.createDirectories(DIRECTORY);
                Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund",
                        "--prefix", DIRECTORY.toAbsolutePath().toString(), "axe-core@" + VERSION)
                        .redirectErrorStream(true).redirectOutput(DIRECTORY.resolve("npm.log").toFile()).start();
                assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm install axe-core within 5 minutes").isTrue();
                assertThat(npm.exitValue()).as("npm install axe-core; see " + DIRECTORY.resolve("npm.log"))
                        .isZero();
            }
            source = Files.readString(SCRIPT);
            return source;
        } catch (IOException e) {
            throw new IllegalStateException("axe-core could not be installed with npm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
