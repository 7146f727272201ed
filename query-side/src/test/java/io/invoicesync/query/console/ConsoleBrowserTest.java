package io.invoicesync.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.platform.security.SecurityConfiguration;
import io.invoicesync.query.support.Axe;
import io.invoicesync.query.support.BothApps;
import io.invoicesync.query.support.Chromium;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The operator console in a real browser (Debian's headless Chromium), on both real apps and PostgreSQL. The test
 * makes data through the API as clients would (a saved job, a customer on hold, then invoices confirmed by a project
 * manager) and drives the job only through the page: Run, the bars moving to 100 % while a 20,000-line invoice syncs,
 * the held customer's invoices shown failed, Dismiss and Retry, Stop, a refused run in words; and a finance reader
 * who sees no action at all.
 * Screenshots land in target/console-screenshots.
 */
@QuerySideTest
class ConsoleBrowserTest extends BothApps {

    private static final Duration SYNC = Duration.ofMinutes(3);

    ChromeDriver browser;
    private UUID jobId;

    @BeforeEach
    void startBrowser() {
        // The console passes actions to the command side; in this JVM it listens on a port chosen at start.
        System.setProperty("invoicesync.command-side.url",
                "http://localhost:" + CommandSide.port("postgres", queryPort));
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        // The database is shared with other tests, and one active job at a time holds the maps: whatever happened
        // above, the job does not outlive the test (200 stopped, 409 already stopped).
        if (jobId != null) {
            assertThat(command.post(Api.ADMIN, "/api/integration-jobs/" + jobId + "/stop", "").status())
                    .isIn(200, 409);
        }
    }

    @Test
    void anAdminRunsAJobWatchesItHandlesItsErrorsAndStopsItWhileAReaderOnlyWatches() throws Exception {
        String customerOnHold = "CUST-CONSOLE-HOLD-" + UUID.randomUUID().toString().substring(0, 8);
        jobId = AsyncJob.saved(command, "Month-end invoicing " + UUID.randomUUID().toString().substring(0, 4));
        query.put(Api.ADMIN, "/api/finance/customers/" + customerOnHold,
                Map.of("onHold", true, "holdReason", "credit limit exceeded"));

        // The page runs under a Content-Security-Policy: only its own script, only its own origin (the whole test below
        // is the proof that the console works under it).
        assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(console())).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Content-Security-Policy")).contains(SecurityConfiguration.CONSOLE_POLICY);
        signIn("admin", Api.ADMIN);
        // Signed in with a session: a cookie no script can read, sent to no other site; no password in the page's
        // storage.
        Cookie session = browser.manage().getCookieNamed("INVOICESYNC_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat((String) browser.executeScript("return document.cookie + JSON.stringify(sessionStorage) "
                + "+ JSON.stringify(localStorage)")).doesNotContain(session.getValue())
                .doesNotContain(Api.ADMIN.substring(Api.ADMIN.indexOf(':') + 1));
        browser.get(console() + "#/jobs");
        // The list is drawn again when the stream brings news: a link found may be replaced before the click lands.
        waitFor(d -> {
            d.findElement(By.cssSelector("#jobs a[href='#/jobs/" + jobId + "']")).click();
            return true;
        });
        waitFor(d -> text(d, "job-status").equals("SAVED"));
        Chromium.screenshot(browser, "01-job-saved");
        Axe.check(browser, "a saved job's page with its preflight");
        browser.get(console() + "#/jobs");
        waitFor(d -> d.findElements(By.cssSelector("#jobs a[href='#/jobs/" + jobId + "']")).size() == 1);
        Axe.check(browser, "the jobs list");
        browser.get(console() + "#/replay");
        waitFor(d -> d.findElements(By.id("processors")).size() == 1);
        Axe.check(browser, "the replay page");
        browser.get(console() + "#/jobs/" + jobId);
        waitFor(d -> text(d, "job-status").equals("SAVED"));

        // Run, and watch the three bars move and reach 100 % while the 20,000-line invoice syncs.
        browser.findElement(By.id("run-job")).click();
        waitFor(d -> text(d, "job-status").equals("ACTIVE"));
        Proformas.Confirmed large = Proformas.confirmed(command, "CUST-CONSOLE", 20_000);
        assertThat(large.response().body().path("financeSync").path("mode").asString()).isEqualTo("ASYNC");
        TreeSet<Integer> seen = new TreeSet<>();
        boolean screenshotMidway = false;
        long deadline = System.nanoTime() + SYNC.toNanos();
        while (true) {
            List<Integer> bars = bars();
            seen.addAll(bars);
            if (!screenshotMidway && bars.stream().anyMatch(p -> p > 0 && p < 100)) {
                Chromium.screenshot(browser, "02-job-syncing");
                screenshotMidway = true;
            }
            if (bars.size() == 3 && bars.stream().allMatch(p -> p == 100)) {
                break;
            }
            assertThat(System.nanoTime()).as("bars at 100 % within " + SYNC + "; saw " + seen).isLessThan(deadline);
            sleep(150);
        }
        assertThat(seen).as("progress values the bars showed on their way").anyMatch(p -> p > 0 && p < 100);
        assertThat(finance.status(large.invoiceId())).isEqualTo("SYNCED");
        finance.assertSynced(large.invoiceId(), 20_000);

        // Two invoices of a customer on hold fail in Finance and show up in the errors tab.
        Proformas.Confirmed dismissed = Proformas.confirmed(command, customerOnHold, 3);
        Proformas.Confirmed retried = Proformas.confirmed(command, customerOnHold, 4);
        tab("errors");
        waitFor(d -> errorRow(d, dismissed.invoiceId()) != null && errorRow(d, retried.invoiceId()) != null);
        // Their rows are drawn in red on the bars: what stays short until a retry or dismissal.
        // The bar is drawn anew when the stream says the job moved: the second failure may come a beat after the first.
        waitFor(d -> !d.findElements(By.cssSelector("#maps .map[data-map='invoices'] .bar > div.failed")).isEmpty()
                && d.findElement(By.cssSelector("#maps .map[data-map='invoices']")).getText().contains("2 failed"));
        assertThat(unstale(() -> browser.findElement(By.cssSelector("#maps .map[data-map='invoices']")).getText()))
                .contains("2 failed", "rows held back");
        // The table is redrawn each second: read the row's text again if it was redrawn under the read.
        assertThat(unstale(() -> errorRow(browser, retried.invoiceId()).getText())).contains("APPLICATION", "invoices",
                "on hold in Finance (credit limit exceeded)");
        Chromium.screenshot(browser, "03-errors");
        Axe.check(browser, "the errors tab");

        // The same two, grouped by their cause: one customer on hold, two invoices, the fix offered in place. The tab
        // is reached with the keyboard: focused, then Enter.
        browser.findElement(By.cssSelector("[data-tab='groups']")).sendKeys(Keys.ENTER);
        waitFor(d -> "true".equals(d.findElement(By.cssSelector("[data-tab='groups']"))
                .getAttribute("aria-selected")));
        waitFor(d -> groupRow(d, customerOnHold) != null);
        assertThat(unstale(() -> groupRow(browser, customerOnHold).getText())).contains("on hold in Finance",
                "APPLICATION", "Release hold and retry", "Retry all 2", "Dismiss all");
        Chromium.screenshot(browser, "03-errors-by-cause");
        Axe.check(browser, "the errors by cause");
        tab("errors");

        // Dismiss one from its row; lift the hold and retry the other as a selection.
        untilAccepted(() -> errorRow(browser, dismissed.invoiceId()).findElement(By.cssSelector("button.dismiss")));
        waitFor(d -> errorRow(d, dismissed.invoiceId()) == null);
        assertThat(finance.status(dismissed.invoiceId())).isEqualTo("DISMISSED");
        query.put(Api.ADMIN, "/api/finance/customers/" + customerOnHold, Map.of("onHold", false));
        untilAccepted(() -> {
            WebElement box = errorRow(browser, retried.invoiceId()).findElement(By.cssSelector("input.select"));
            if (!box.isSelected()) {
                box.click();
            }
            return browser.findElement(By.id("retry-selected"));
        });
        waitFor(d -> "SYNCED".equals(finance.status(retried.invoiceId())));
        finance.assertSynced(retried.invoiceId(), 4);
        tab("invoices");
        waitFor(d -> d.findElements(By.cssSelector("#invoices tr[data-invoice='" + retried.invoiceId()
                + "'][data-status='SYNCED']")).size() == 1);
        // Each synced invoice is reconciled against the event store, and the page says so.
        waitFor(d -> d.findElement(By.cssSelector("#invoices tr[data-invoice='" + large.invoiceId() + "']"))
                .getText().contains("RECONCILED"));
        waitFor(d -> text(d, "reconciliation").matches("(?s).*Reconciled \\d+, mismatched 0.*"));
        // Each invoice with its customer and amount; a search by customer finds the held customer's two.
        assertThat(unstale(() -> browser.findElement(By.cssSelector("#invoices tr[data-invoice='" + large.invoiceId()
                + "']")).getText())).contains("CUST-CONSOLE", "EUR", large.invoiceId().toString().substring(0, 8));
        browser.findElement(By.id("invoice-search")).sendKeys(customerOnHold.toLowerCase());
        waitFor(d -> d.findElements(By.cssSelector("#invoices tbody tr[data-invoice]")).size() == 2
                && d.findElements(By.cssSelector("#invoices tr[data-invoice='" + large.invoiceId() + "']")).isEmpty());
        browser.findElement(By.id("invoice-search")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        waitFor(d -> d.findElements(By.cssSelector("#invoices tr[data-invoice='" + large.invoiceId() + "']")).size()
                == 1);

        assertThat(unstale(() -> browser.findElement(By.cssSelector("#invoices tr[data-invoice='" + large.invoiceId()
                + "'] td.eta")).getText())).isEqualTo("done");

        // Pause: what is confirmed meanwhile queues for the job and the page says how much waits; resume: the
        // catch-up, estimated, then said met or late.
        browser.findElement(By.id("pause-job")).click();
        waitFor(d -> text(d, "job-status").equals("PAUSED") && d.findElement(By.id("resume-job")).isDisplayed());
        Proformas.Confirmed queued = Proformas.confirmed(command, "CUST-CONSOLE", 3);
        // What waits is this invoice and any other confirmed while no job ran (other tests share this database):
        // the page says what the API says.
        waitFor(d -> {
            if (!"WAITING".equals(finance.status(queued.invoiceId()))) {
                return false;
            }
            JsonNode waiting = query.send(Api.FINANCE, "GET", "/api/integration-jobs/" + jobId, null).body()
                    .path("waiting");
            return waiting.path("invoices").asLong() >= 1 && d.findElements(By.id("job-waiting")).size() == 1
                    && text(d, "job-waiting").contains(String.format(Locale.US, "%,d invoices with %,d Finance rows wait",
                    waiting.path("invoices").asLong(), waiting.path("rows").asLong()));
        });
        Chromium.screenshot(browser, "04-paused");
        Axe.check(browser, "a paused job");
        browser.findElement(By.id("resume-job")).click();
        waitFor(d -> text(d, "job-status").equals("ACTIVE"));
        waitFor(d -> d.findElements(By.id("job-catch-up")).size() == 1
                && text(d, "job-catch-up").matches("(?s)Catch-up of [\\d,]+ invoices, [\\d,]+ rows.*caught up.*"));
        assertThat(text(browser, "job-catch-up")).containsAnyOf("MET", "LATE");
        assertThat(finance.status(queued.invoiceId())).isEqualTo("SYNCED");

        // Stop, once confirmed: the answer says that batches already sent still land.
        browser.findElement(By.id("stop-job")).click();
        accept("Stop this job?");
        waitFor(d -> List.of("STOPPED", "STOPPING").contains(text(d, "job-status")));
        assertThat(text(browser, "job-message")).contains("Stopped.", "still land in Finance");

        // While it is stopped, an invoice of a customer on hold waits: the preflight names it before the next run,
        // and its hold is released from there.
        query.put(Api.ADMIN, "/api/finance/customers/" + customerOnHold, Map.of("onHold", true, "holdReason", "audit"));
        Proformas.Confirmed waiting = Proformas.confirmed(command, customerOnHold, 2);
        waitFor(d -> {
            d.findElement(By.id("preflight-check")).click();
            sleep(300);
            return d.findElements(By.cssSelector("#preflight-causes tr[data-subject='" + customerOnHold + "']"))
                    .size() == 1;
        });
        assertThat(unstale(() -> browser.findElement(By.id("preflight-body")).getText())).contains("would fail",
                customerOnHold + " is on hold in Finance (audit)");
        Chromium.screenshot(browser, "04-preflight");
        Axe.check(browser, "the preflight naming a cause");
        browser.findElement(By.cssSelector("#preflight-causes tr[data-subject='" + customerOnHold + "'] button.release"))
                .click();
        accept("Release the Finance hold on customer " + customerOnHold);
        waitFor(d -> d.findElements(By.cssSelector("#preflight-causes tr[data-subject='" + customerOnHold + "']"))
                .isEmpty());
        assertThat(finance.status(waiting.invoiceId())).as("waits for the next run").isEqualTo("WAITING");

        // The page never looks live when it is not: the page's network cut (every new request fails, as when the query
        // side is down) and its live stream gone silent, the banner says so within a few seconds and the view is
        // greyed; the network back, the page connects again by itself and is live again.
        waitFor(d -> text(d, "freshness").matches("updated \\d+ s ago"));
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        // Chrome's offline mode spares a connection already open: the stream is cut as a dead network would cut it.
        browser.executeScript("state.stream.close();");
        long cut = System.nanoTime();
        new WebDriverWait(browser, Duration.ofSeconds(5), Duration.ofMillis(100))
                .until(d -> d.findElement(By.id("stale-banner")).isDisplayed());
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Duration.ofSeconds(5));
        assertThat(text(browser, "stale-banner")).contains("Not live", "not answering");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("stale");
        assertThat(text(browser, "freshness")).isEqualTo("not live");
        Chromium.screenshot(browser, "04-not-live");
        Axe.check(browser, "the page not live");
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        waitFor(d -> !d.findElement(By.id("stale-banner")).isDisplayed()
                && text(d, "freshness").matches("updated \\d+ s ago"));

        // A run refused for its preconditions names every one unmet, in words.
        command.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "REAL_TIME",
                "projectActualValuesTracking", "REAL_TIME"));
        try {
            waitFor(d -> d.findElement(By.id("run-job")).isEnabled());
            browser.findElement(By.id("run-job")).click();
            waitFor(d -> d.findElement(By.id("job-message")).getAttribute("class").equals("alert"));
            assertThat(text(browser, "job-message")).contains("Project task time tracking is Real-time",
                    "Project actual values tracking is Real-time");
            Chromium.screenshot(browser, "04-run-refused");
        } finally {
            command.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "ON_DEMAND_UPDATE",
                    "projectActualValuesTracking", "ON_DEMAND_UPDATE"));
        }

        // The activity log says who did what.
        tab("activity");
        waitFor(d -> d.findElements(By.cssSelector("#activity tbody tr")).size() >= 6);
        String activity = unstale(() -> browser.findElement(By.id("activity")).getText());
        assertThat(activity).contains("RUN", "STOP", "RETRY", "DISMISS", "SAVED", "admin");
        Axe.check(browser, "the activity tab");
        tab("runs");
        waitFor(d -> d.findElements(By.cssSelector("#runs tbody tr[data-run]")).size() == 1);
        assertThat(unstale(() -> browser.findElement(By.id("runs")).getText())).contains("admin", "rows/s");
        Axe.check(browser, "the runs tab");
        browser.get(console() + "#/jobs/" + jobId + "/invoices/" + large.invoiceId());
        waitFor(d -> d.findElements(By.id("resync-invoice")).size() == 1);
        Axe.check(browser, "an invoice's page");
        // A synced invoice does not move: its page, live all along, asks for nothing more while it stays so.
        String asked = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/invoices/"
                + large.invoiceId() + "') || e.name.includes('/trace')).length";
        long before = ((Number) browser.executeScript(asked)).longValue();
        sleep(4000);
        assertThat(((Number) browser.executeScript(asked)).longValue() - before).isLessThanOrEqualTo(2);
        assertThat(text(browser, "freshness")).matches("updated \\d+ s ago");
        browser.get(console() + "#/jobs/" + jobId);
        waitFor(d -> bars().size() == 3);

        // A finance reader sees the same job and no action.
        browser.findElement(By.id("sign-out")).click();
        signIn("finance", Api.FINANCE);
        browser.get(console() + "#/jobs/" + jobId);
        waitFor(d -> text(d, "job-status").equals("STOPPED") && bars().size() == 3);
        assertThat(browser.findElements(By.cssSelector("#pause-job, #resume-job"))).isEmpty();
        tab("errors");
        new Select(browser.findElement(By.id("error-status"))).selectByVisibleText("all");
        waitFor(d -> errorRow(d, dismissed.invoiceId()) != null);
        assertThat(browser.findElements(By.cssSelector("#run-job, #stop-job, #retry-selected, #dismiss-selected, "
                + "button.retry, button.dismiss, input.select, button.release"))).isEmpty();
        tab("groups");
        waitFor(d -> d.findElements(By.cssSelector("#error-groups")).size() == 1);
        assertThat(browser.findElements(By.cssSelector("button.group-retry, button.group-dismiss, "
                + "button.group-release"))).isEmpty();
        assertThat(text(browser, "who-role")).isEqualTo("reader");
        Chromium.screenshot(browser, "05-reader");
        Axe.check(browser, "a reader's errors by cause");
    }

    private String console() {
        return "http://localhost:" + queryPort + "/console/";
    }

    private void signIn(String user, String credentials) {
        browser.get(console());
        waitFor(d -> d.findElement(By.id("sign-in")).isDisplayed());
        Axe.check(browser, "the sign-in form");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(credentials.substring(credentials.indexOf(':') + 1));
        browser.findElement(By.id("sign-in-button")).click();
        waitFor(d -> d.findElement(By.id("who")).isDisplayed());
        assertThat(text(browser, "who-name")).isEqualTo(user);
    }

    private void tab(String name) {
        browser.findElement(By.cssSelector("[data-tab='" + name + "']")).click();
        waitFor(d -> "true".equals(d.findElement(By.cssSelector("[data-tab='" + name + "']"))
                .getAttribute("aria-selected")));
    }

    /** The bars' values (aria-valuenow), one per map; re-rendered each second, so read again if replaced. */
    private List<Integer> bars() {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElements(By.cssSelector("#maps [role=progressbar]")).stream()
                        .map(bar -> Integer.parseInt(bar.getAttribute("aria-valuenow"))).toList();
            } catch (StaleElementReferenceException e) {
                if (attempt > 5) {
                    throw e;
                }
            }
        }
    }

    private static WebElement groupRow(WebDriver driver, String subject) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#error-groups tr[data-subject='" + subject + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Accepts the confirmation the page asks before an action that cannot be taken back, checking its words. */
    private void accept(String question) {
        Alert alert = new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(alert.getText()).contains(question);
        alert.accept();
    }

    private static WebElement errorRow(WebDriver driver, UUID invoiceId) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#errors tr[data-invoice='" + invoiceId + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Clicks until the page reports the action accepted: the command side learns of a failure from the event store a
     * moment after the page shows it, and refuses to retry or dismiss it until then (the page shows that refusal).
     */
    private void untilAccepted(java.util.function.Supplier<WebElement> button) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                // Clear the last answer, so that the one read below is this click's.
                browser.executeScript("document.getElementById('job-message').textContent = ''");
                button.get().click();
                acceptIfAsked();
                waitFor(d -> !d.findElement(By.id("job-message")).getText().isEmpty());
                if (browser.findElement(By.id("job-message")).getAttribute("class").equals("notice")) {
                    return;
                }
            } catch (StaleElementReferenceException e) {
                // The table was refreshed under the click; find the button again.
            }
            assertThat(System.nanoTime()).as("action accepted; page says: " + text(browser, "job-message"))
                    .isLessThan(deadline);
            sleep(300);
        }
    }

    /** A dismissal is confirmed first; a retry is not. */
    private void acceptIfAsked() {
        try {
            new WebDriverWait(browser, Duration.ofMillis(500)).until(ExpectedConditions.alertIsPresent()).accept();
        } catch (TimeoutException none) {
            // No confirmation for this action.
        }
    }

    private static String text(WebDriver driver, String id) {
        try {
            return driver.findElement(By.id(id)).getText().trim();
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    private String unstale(Supplier<String> read) {
        return new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class).until(d -> read.get());
    }

    private void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, SYNC, Duration.ofMillis(150))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NullPointerException.class)
                .until(condition::apply);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
