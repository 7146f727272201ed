package io.invoicesync.query.reliability;

import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.AppProcess;
import io.invoicesync.query.support.Chaos;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * G2 for a first start: the command side has been working (a job run, an invoice confirmed) before any query side
 * ever ran, as on a first deployment or a read model moved to a new database. The query side must process that
 * history as live events: the coordinator, which never handles a replay, must still dispatch the waiting invoice.
 */
@Tag("reliability")
class QuerySideStartsLateTest {

    private static final String DATABASE = "query_side_starts_late";

    @Test
    void aQuerySideStartedAfterTheFactSyncsWhatWasConfirmedBeforeIt() throws Exception {
        String url = Chaos.database(DATABASE);
        FinanceChecks finance = new FinanceChecks(new JdbcTemplate(new DriverManagerDataSource(url)));
        AppProcess querySide = AppProcess.querySide(url);
        Api command = new Api(CommandSide.port(DATABASE, querySide.port()));
        AsyncJob.run(command);
        Proformas.Confirmed invoice = Proformas.confirmed(command, "CUST-LATE-START", 1_500);

        querySide.start();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "SYNCED".equals(finance.status(invoice.invoiceId())));
            finance.assertSyncedExactlyOnce(invoice.invoiceId(), invoice.lines());
        } finally {
            querySide.kill();
        }
    }
}
