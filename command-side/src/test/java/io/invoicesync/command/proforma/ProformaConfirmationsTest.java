package io.invoicesync.command.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.Api.Response;
import io.invoicesync.command.support.CommandSideTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bulk confirm: each invoice of the request is confirmed on its own, answered in the order asked with what its single
 * confirm would have answered; a request that names an invoice twice, or none, or too many, confirms nothing.
 */
@CommandSideTest
class ProformaConfirmationsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private UUID draft(int lines) {
        Response created = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", "PC-BULK",
                "customerId", "CUST-BULK", "currency", "EUR", "invoiceDate", "2026-11-30"));
        assertThat(created.status()).isEqualTo(201);
        UUID invoiceId = UUID.fromString(created.text("invoiceId"));
        if (lines > 0) {
            assertThat(api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                    IntStream.range(0, lines).mapToObj(i -> Map.of("description", "Fee " + i, "quantity",
                            BigDecimal.ONE, "unitPrice", new BigDecimal("10"))).toList())).status()).isEqualTo(201);
        }
        return invoiceId;
    }

    private long confirmations(UUID invoiceId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.ProformaConfirmed'", Long.class, invoiceId.toString());
    }

    private Response confirm(List<?> invoiceIds) {
        return api.post(Api.PM, "/api/proformas/confirmations", Map.of("invoiceIds", invoiceIds));
    }

    @Test
    void confirmsEachInvoiceOnItsOwnAndAnswersEachInTheOrderAsked() {
        UUID first = draft(3);
        UUID empty = draft(0);
        UUID second = draft(1);
        UUID already = draft(2);
        assertThat(api.post(Api.PM, "/api/proformas/" + already + "/confirm", "").status()).isEqualTo(200);
        UUID unknown = UUID.randomUUID();

        Response answer = confirm(List.of(first, empty, second, already, unknown));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("confirmed").asInt()).isEqualTo(2);
        assertThat(answer.body().path("refused").asInt()).isEqualTo(3);
        JsonNode invoices = answer.body().path("invoices");
        assertThat(invoices.valueStream().map(i -> i.path("invoiceId").asString() + " " + i.path("status").asInt()))
                .containsExactly(first + " 200", empty + " 422", second + " 200", already + " 409", unknown + " 404");
        assertThat(invoices.get(0).path("confirmation").path("lineCount").asInt()).isEqualTo(3);
        assertThat(invoices.get(0).path("confirmation").path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(invoices.get(1).path("problem").path("type").asString())
                .isEqualTo("urn:invoicesync:problem:proforma-has-lines");
        assertThat(invoices.get(3).path("problem").path("type").asString())
                .isEqualTo("urn:invoicesync:problem:proforma-is-not-confirmed-yet");
        assertThat(invoices.get(3).path("problem").path("detail").asString()).contains("is confirmed already");
        assertThat(invoices.get(4).path("problem").path("detail").asString()).contains(unknown.toString());
        assertThat(confirmations(first)).isEqualTo(1);
        assertThat(confirmations(second)).isEqualTo(1);
        assertThat(confirmations(empty)).isZero();
        assertThat(confirmations(already)).as("confirmed once, by its single confirm").isEqualTo(1);
    }

    @Test
    void anInvoiceNamedTwiceConfirmsNothing() {
        UUID invoice = draft(1);
        UUID other = draft(1);

        Response answer = confirm(List.of(invoice, other, invoice));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("errors").get(0).path("field").asString()).isEqualTo("invoiceIds[2]");
        assertThat(answer.body().path("errors").get(0).path("rule").asString()).isEqualTo("invoice-named-once");
        assertThat(confirmations(invoice)).isZero();
        assertThat(confirmations(other)).isZero();
    }

    @Test
    void refusesNoInvoicesTooManyAndIdsThatAreNoUuids() {
        assertThat(confirm(List.of()).status()).isEqualTo(422);
        assertThat(confirm(IntStream.range(0, ProformaConfirmationsController.MAX_INVOICES + 1)
                .mapToObj(i -> UUID.randomUUID()).toList()).status()).isEqualTo(422);
        Response notUuid = confirm(List.of("not-a-uuid"));
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(api.post(Api.FINANCE, "/api/proformas/confirmations", Map.of("invoiceIds",
                List.of(UUID.randomUUID()))).status()).isEqualTo(403);
    }
}
