package io.invoicesync.query.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** A database where no integration job ever ran: the table maps are synced in real time, up to 1,000 lines. */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + RealTimeSyncTest.DATABASE)
@ExtendWith(OutputCaptureExtension.class)
class RealTimeSyncTest {

    static final String DATABASE = "real_time_only";

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    Api command;

    @BeforeEach
    void setUp() {
        command = new Api(CommandSide.port(DATABASE, queryPort));
    }

    @Test
    void syncs1000LinesInsideTheConfirmRequest(CapturedOutput output) {
        Proformas.Confirmed confirmed = Proformas.confirmed(command, "CUST-RT", 1_000);

        assertThat(confirmed.response().body().path("financeSync").path("mode").asString()).isEqualTo("REAL_TIME");
        assertThat(confirmed.response().body().path("financeSync").path("status").asString()).isEqualTo("SYNCED");
        // No waiting: the rows are in Finance the moment the confirm request answers.
        FinanceChecks finance = new FinanceChecks(jdbc);
        assertThat(finance.count("finance_invoice_proposal_line", confirmed.invoiceId())).isEqualTo(1_000);
        assertThat(finance.count("finance_actual", confirmed.invoiceId())).isEqualTo(1_000);
        assertThat(finance.count("finance_transaction_connection", confirmed.invoiceId())).isEqualTo(2_000);
        assertThat(jdbc.queryForObject("SELECT sync_mode FROM finance_invoice_proposal WHERE invoice_proposal_id = ?",
                String.class, confirmed.invoiceId())).isEqualTo("REAL_TIME");
        // Its log line names no job nor run it does not have.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                .contains("Invoice " + confirmed.invoiceId() + " synced (REAL_TIME), in real time")
                .doesNotContain("job null"));
    }

    @Test
    void refuses1001LinesPointingToTheAsyncJob() {
        UUID invoiceId = Proformas.draft(command, "CUST-RT", 1_001);

        Api.Response refused = command.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("detail")).contains("real-time sync to Finance takes at most 1000")
                .contains("Create an asynchronous integration job");
        assertThat(new FinanceChecks(jdbc).count("finance_invoice_proposal", invoiceId)).isZero();
    }

    @Test
    void saysInWordsWhyRealTimeDidNotCompleteAndTakesAnInvoiceOnlyOnce() {
        Api query = new Api(queryPort);
        query.put(Api.ADMIN, "/api/finance/customers/CUST-RT-HELD", java.util.Map.of("onHold", true,
                "holdReason", "credit check"));
        Proformas.Confirmed held = Proformas.confirmed(command, "CUST-RT-HELD", 3);

        String detail = held.response().body().path("financeSync").path("detail").asString();
        assertThat(held.response().body().path("financeSync").path("status").asString()).isEqualTo("NOT_SYNCED");
        assertThat(detail).startsWith("Finance refused the invoice: ").contains("CUST-RT-HELD is on hold in Finance")
                .contains("waits for the next asynchronous integration run")
                .doesNotContain("http").doesNotContain("{\"");

        Proformas.Confirmed synced = Proformas.confirmed(command, "CUST-RT", 2);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Api.Response again = query.post(Api.SYNC, "/api/real-time-sync/invoices/" + synced.invoiceId(), "");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo("urn:invoicesync:problem:invoice-is-not-synced-yet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT sync_mode FROM finance_invoice_proposal WHERE invoice_proposal_id = ?",
                String.class, synced.invoiceId())).isEqualTo("REAL_TIME");
    }

    @Test
    void refusesRealTimeSyncToAnyoneButTheCommandSide() {
        Api query = new Api(queryPort);

        assertThat(query.post(Api.ADMIN, "/api/real-time-sync/invoices/" + UUID.randomUUID(), "").status())
                .isEqualTo(403);
    }
}
