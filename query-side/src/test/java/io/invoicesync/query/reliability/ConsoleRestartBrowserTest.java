package io.invoicesync.query.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.Chromium;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.Proformas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A deploy under an open console, in a real browser: an admin watches a running job's page; the query side (its own
 * process) is killed and started again, as a deploy restarts it; meanwhile the job is stopped through the API. Within
 * 5 s of the query side's readiness the page is live, still signed in, and shows the job stopped; the browser's
 * console has no red line in normal use before the restart. Then the session ends on the server (signed out
 * elsewhere): the page tells "signed out" from "down", shows the sign-in with its reason, and after signing in again
 * the same job page.
 */
@Tag("reliability")
class ConsoleRestartBrowserTest {

    private static final String DATABASE = "console_restart";

    @Test
    void aRestartedQuerySideFindsTheOpenPageLiveAndSignedInWithinFiveSecondsOfReadiness() throws Exception {
        String url = Chaos.database(DATABASE);
        int commandPort = CommandSide.port(DATABASE, AppProcess.freePort());
        AppProcess querySide = AppProcess.querySide(url, "--axon.eventhandling.tokenstore.claim-timeout=2s",
                "--invoicesync.command-side.url=http://localhost:" + commandPort);
        querySide.start();
        ChromeDriver browser = Chromium.start();
        try {
            Api command = new Api(commandPort);
            Api query = new Api(querySide.port());
            AsyncJob job = AsyncJob.run(command);
            String console = "http://localhost:" + querySide.port() + "/console/";
            String password = Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1);
            browser.get(console + "#" + job.path().replace("/api/integration-jobs", "/jobs"));
            waitFor(browser, Duration.ofMinutes(1), d -> d.findElement(By.id("sign-in")).isDisplayed());
            // Before signing in, the page's question "who is signed in?" was answered 401: that is no fault.
            redLines(browser);
            browser.findElement(By.id("user")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.id("sign-in-button")).click();
            waitFor(browser, Duration.ofMinutes(1), d -> "ACTIVE".equals(text(d, "job-status")));
            // An invoice the job failed before Finance held any of its rows (its customer on hold in Finance): its
            // page asks for no Finance trace, so no 404 is logged.
            query.put(Api.ADMIN, "/api/finance/customers/CUST-HELD", Map.of("onHold", true, "holdReason", "test"));
            UUID failed = Proformas.confirmed(command, "CUST-HELD", 2).invoiceId();
            String invoice = job.path() + "/invoices/" + failed;
            await().atMost(Duration.ofMinutes(1)).until(() -> "FAILED".equals(query.send(Api.ADMIN, "GET", invoice,
                    null).body().path("status").asString()));
            browser.get(console + "#" + invoice.replace("/api/integration-jobs", "/jobs"));
            waitFor(browser, Duration.ofSeconds(30), d -> text(d, "view").contains("FAILED"));
            browser.get(console + "#" + job.path().replace("/api/integration-jobs", "/jobs"));
            waitFor(browser, Duration.ofSeconds(30), d -> "ACTIVE".equals(text(d, "job-status")));
            assertThat(redLines(browser)).as("the browser's console, signed in, on a job's and an invoice's page")
                    .isEmpty();

            querySide.kill();
            waitFor(browser, Duration.ofSeconds(30), d -> d.findElement(By.id("stale-banner")).isDisplayed());
            querySide.start();
            assertThat(command.post(Api.ADMIN, job.path() + "/stop", "").status()).isEqualTo(200);
            Duration ready = untilReady(query);
            long readyAt = System.nanoTime();
            waitFor(browser, Duration.ofSeconds(5), d -> "STOPPED".equals(text(d, "job-status"))
                    && !d.findElement(By.id("stale-banner")).isDisplayed());
            double seconds = (System.nanoTime() - readyAt) / 1e9;
            assertThat(browser.findElement(By.id("who")).isDisplayed()).as("still signed in").isTrue();
            assertThat(text(browser, "who-name")).isEqualTo("admin");
            assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
            System.out.printf("ConsoleRestartBrowserTest: ready %.1f s after the start, the page live and the stop "
                    + "shown %.1f s after readiness%n", ready.toMillis() / 1e3, seconds);

            // The session ends on the server while the page is open: the page says so, not "not answering".
            new JdbcTemplate(new DriverManagerDataSource(url)).update("DELETE FROM spring_session");
            querySide.kill();
            querySide.start();
            untilReady(query);
            waitFor(browser, Duration.ofSeconds(15), d -> d.findElement(By.id("sign-in")).isDisplayed());
            assertThat(text(browser, "sign-in-error")).contains("Your session has ended");
            browser.findElement(By.id("user")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.id("sign-in-button")).click();
            waitFor(browser, Duration.ofSeconds(15), d -> "STOPPED".equals(text(d, "job-status")));
            assertThat(browser.getCurrentUrl()).as("the same page again").endsWith(job.path()
                    .replace("/api/integration-jobs", "/jobs"));
        } finally {
            browser.quit();
            querySide.kill();
        }
    }

    private static Duration untilReady(Api query) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            try {
                if (query.send(null, "GET", "/actuator/health/readiness", null).status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    /** The browser console's errors (a failed request shows as one, a 404 included). */
    private static List<String> redLines(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    private static String text(WebDriver driver, String id) {
        try {
            return driver.findElement(By.id(id)).getText().trim();
        } catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    private static void waitFor(WebDriver browser, Duration within,
                                java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, within, Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition::apply);
    }
}
