package io.invoicesync.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.Api.Response;
import io.invoicesync.command.support.CommandSideTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** A database where no integration job ever ran: confirms are synced in real time, and 1,000 lines is the limit. */
@CommandSideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=no_async_job")
class RealTimeLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void refusesToConfirmMoreThan1000LinesWithoutAnAsyncJobAndWritesNothing() {
        Api api = new Api(port);
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = IntStream.range(0, 1_001).mapToObj(i -> UUID.randomUUID()).toList();
        api.post(Api.PM, "/api/backlog/transactions", Map.of("projectContractId", contract, "transactions",
                backlog.stream().map(id -> Map.of("transactionId", id, "projectId", "P-1", "contractLineId", "CL-1",
                        "transactionClass", "TIME", "quantity", BigDecimal.ONE, "unitPrice", BigDecimal.TEN,
                        "currency", "EUR", "transactionDate", "2026-11-01")).toList()));
        String invoiceId = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-1", "currency", "EUR", "invoiceDate", "2026-11-24")).text("invoiceId");
        api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                backlog.stream().map(id -> Map.of("backlogTransactionId", id)).toList()));
        long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        Response refused = api.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("urn:invoicesync:problem:real-time-sync-within-limit");
        assertThat(refused.text("detail")).contains("real-time sync to Finance takes at most 1000")
                .contains("asynchronous integration job");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);
    }
}
