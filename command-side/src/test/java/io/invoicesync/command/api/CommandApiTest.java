package io.invoicesync.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api.Response;
import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.command.support.CommandSideTest;
import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.ProformaCreated;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The command API end to end: real HTTP server, real Axon buses, real PostgreSQL event store. */
@CommandSideTest
class CommandApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static Map<String, Object> transaction(UUID id, String currency) {
        return Map.of("transactionId", id, "projectId", "P-1", "contractLineId", "CL-1", "transactionClass", "TIME",
                "quantity", new BigDecimal("2"), "unitPrice", new BigDecimal("100.25"), "currency", currency,
                "transactionDate", "2026-11-01", "description", "Work");
    }

    private List<UUID> recordBacklog(String contract, int count) {
        List<UUID> ids = IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
        Response recorded = api.post(Api.PM, "/api/backlog/transactions", Map.of("projectContractId", contract,
                "transactions", ids.stream().map(id -> transaction(id, "EUR")).toList()));
        assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
        assertThat(recorded.body().path("recorded").asInt()).isEqualTo(count);
        return ids;
    }

    private UUID createProforma(String contract) {
        Response created = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-1", "currency", "EUR", "invoiceDate", "2026-11-24", "invoiceHeaderText", "Nov"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.text("invoiceId"));
    }

    private Response addBacklogLines(UUID invoiceId, List<UUID> transactionIds) {
        return api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                transactionIds.stream().map(id -> Map.of("backlogTransactionId", id)).toList()));
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private List<Object> eventsOf(UUID aggregateId) {
        List<Object> payloads = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            payloads.add(message.getPayload());
        }
        return payloads;
    }

    /**
     * A proforma created with its lines in one request: one transaction, its line ids and version in the answer; a
     * line refused (a backlog transaction of another contract), nothing is written, not even the draft.
     */
    @Test
    void aProformaIsCreatedWithItsLinesInOneRequestOrNotAtAll() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = recordBacklog(contract, 2);
        Response created = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-1", "currency", "EUR", "invoiceDate", "2026-11-24", "lines", List.of(
                        Map.of("backlogTransactionId", backlog.get(0)), Map.of("backlogTransactionId", backlog.get(1)),
                        Map.of("description", "Workshop", "quantity", 1, "unitPrice", 500, "currency", "EUR"))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("lineIds").size()).isEqualTo(3);
        assertThat(created.eTag()).isEqualTo("\"1\"");
        UUID invoice = UUID.fromString(created.text("invoiceId"));
        assertThat(eventsOf(invoice)).hasSize(2);
        Response confirmed = api.post(Api.PM, "/api/proformas/" + invoice + "/confirm", "");
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        assertThat(confirmed.body().path("lineCount").asInt()).isEqualTo(3);

        UUID refusedId = UUID.randomUUID();
        Response refused = api.post(Api.PM, "/api/proformas", Map.of("invoiceId", refusedId,
                "projectContractId", "PC-OTHER-" + UUID.randomUUID(), "customerId", "CUST-1", "currency", "EUR",
                "invoiceDate", "2026-11-24", "lines", List.of(Map.of("backlogTransactionId",
                        recordBacklog(contract, 1).get(0)))));
        assertThat(refused.status()).as(refused.body().toString()).isBetween(400, 499);
        assertThat(refused.body().path("errors").get(0).path("field").asString()).startsWith("lines[0]");
        assertThat(eventsOf(refusedId)).as("not even the draft").isEmpty();
    }

    @Test
    void buildsAndConfirmsA2000LineProformaFromTheBacklog() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = recordBacklog(contract, 2_000);
        UUID invoiceId = createProforma(contract);

        Response first = addBacklogLines(invoiceId, backlog.subList(0, 1_000));
        Response second = addBacklogLines(invoiceId, backlog.subList(1_000, 2_000));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().path("lineIds").size()).isEqualTo(1_000);

        Response confirmed;
        try (AsyncJob job = AsyncJob.run(api)) {
            confirmed = api.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "");
        }
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        assertThat(confirmed.body().path("lineCount").asInt()).isEqualTo(2_000);
        assertThat(confirmed.body().path("financeSync").path("mode").asString()).isEqualTo("ASYNC");
        assertThat(new BigDecimal(confirmed.body().path("totalAmount").asString()))
                .isEqualByComparingTo("401000.00");
        assertThat(confirmed.body().path("billedActuals").asInt()).isEqualTo(2_000);
        assertThat(confirmed.body().path("transactionConnections").asInt()).isEqualTo(4_000);

        List<Object> events = eventsOf(invoiceId);
        assertThat(events.get(0)).isInstanceOf(ProformaCreated.class);
        assertThat(events).filteredOn(InvoiceLinesAdded.class::isInstance).hasSize(2)
                .allSatisfy(e -> assertThat(((InvoiceLinesAdded) e).lines()).hasSize(1_000));
        assertThat(events.stream().filter(BilledActualsCreated.class::isInstance)
                .mapToInt(e -> ((BilledActualsCreated) e).actuals().size()).sum()).isEqualTo(2_000);
        assertThat(events.stream().filter(TransactionsConnected.class::isInstance)
                .mapToInt(e -> ((TransactionsConnected) e).connections().size()).sum()).isEqualTo(4_000);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(ProformaConfirmed.class,
                c -> assertThat(c.lineCount()).isEqualTo(2_000));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM backlog_transaction WHERE reserved_by_invoice = ?",
                Integer.class, invoiceId)).isEqualTo(2_000);
    }

    @Test
    void conflictingChangesFromTwoClientsLetExactlyOneWinAndTheOtherRetry() throws Exception {
        UUID invoiceId = createProforma("PC-" + UUID.randomUUID());
        String lines = "/api/proformas/" + invoiceId + "/lines";
        String body = "{\"lines\": [{\"description\": \"Fee\", \"quantity\": 1, \"unitPrice\": 10}]}";
        Callable<Response> client = () -> api.send(Api.PM, "POST", lines, body, Map.of("If-Match", "\"0\""));

        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<Response>> raced = clients.invokeAll(List.of(client, client));
        clients.shutdown();
        List<Response> answers = List.of(raced.get(0).get(), raced.get(1).get());

        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(201, 409);
        Response winner = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        Response loser = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(loser.text("type")).isEqualTo("urn:invoicesync:problem:stale-version");
        Response retried = api.send(Api.PM, "POST", lines, body, Map.of("If-Match", winner.eTag()));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.eTag()).isEqualTo("\"2\"");
        assertThat(eventsOf(invoiceId)).filteredOn(InvoiceLinesAdded.class::isInstance).hasSize(2);
        assertThat(api.send(Api.PM, "POST", lines, body, Map.of("If-Match", "latest")).status()).isEqualTo(422);
    }

    @Test
    void refusesABacklogTransactionAlreadyOnAnotherProforma() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = recordBacklog(contract, 2);
        UUID first = createProforma(contract);
        UUID second = createProforma(contract);
        assertThat(addBacklogLines(first, backlog).status()).isEqualTo(201);

        Response refused = addBacklogLines(second, List.of(backlog.get(1)));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).isEqualTo("Backlog transaction " + backlog.get(1)
                + " is already on proforma invoice " + first + "; a transaction is invoiced once");
        assertThat(refused.body().path("errors").get(0).path("field").asString())
                .isEqualTo("lines[0].backlogTransactionId");
    }

    @Test
    void removingALineReleasesItsBacklogTransactionForAnotherProforma() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = recordBacklog(contract, 1);
        UUID first = createProforma(contract);
        UUID lineId = UUID.fromString(addBacklogLines(first, backlog).body().path("lineIds").get(0).asString());

        assertThat(api.delete(Api.PM, "/api/proformas/" + first + "/lines/" + lineId).status()).isEqualTo(204);

        assertThat(addBacklogLines(createProforma(contract), backlog).status()).isEqualTo(201);
        assertThat(api.delete(Api.PM, "/api/proformas/" + first + "/lines/" + lineId).status()).isEqualTo(404);
    }

    @Test
    void refusesMalformedJsonAndWritesNothing() {
        UUID invoiceId = createProforma("PC-" + UUID.randomUUID());
        long before = storedEvents();

        Response response = api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", "{\"lines\": [ {");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:invoicesync:problem:malformed-request");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesAFieldOfTheWrongTypeNamingIt() {
        UUID invoiceId = createProforma("PC-" + UUID.randomUUID());
        long before = storedEvents();

        Response response = api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines",
                "{\"lines\": [{\"description\": \"Fee\", \"quantity\": \"two\", \"unitPrice\": 1}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo("lines[0].quantity");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesBadValuesNamingEachFieldAndRule() {
        long before = storedEvents();

        Response response = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", "PC-1",
                "customerId", "CUST-1", "currency", "EURO"));

        assertThat(response.status()).isEqualTo(422);
        JsonNode errors = response.body().path("errors");
        assertThat(errors.valueStream().map(e -> e.path("field").asString() + ":" + e.path("rule").asString()))
                .containsExactlyInAnyOrder("currency:iso-4217-currency", "invoiceDate:required");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesAnOverLargeBatchAndWritesNothing() {
        UUID invoiceId = createProforma("PC-" + UUID.randomUUID());
        long before = storedEvents();
        List<Map<String, Object>> lines = IntStream.range(0, 5_001).mapToObj(i -> Map.<String, Object>of(
                "description", "Fee", "quantity", 1, "unitPrice", 1)).toList();

        Response response = api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines", lines));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").get(0).path("rule").asString()).isEqualTo("max-items");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesNegativeQuantityAndUnknownCurrencyOnAManualLine() {
        UUID invoiceId = createProforma("PC-" + UUID.randomUUID());

        Response response = api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines", List.of(
                Map.of("description", "Fee", "quantity", -1, "unitPrice", 5, "currency", "XYZ"))));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").valueStream().map(e -> e.path("rule").asString()))
                .containsExactlyInAnyOrder("positive", "iso-4217-currency");
    }

    @Test
    void answers404ForAnUnknownProforma() {
        Response response = api.post(Api.PM, "/api/proformas/" + UUID.randomUUID() + "/confirm", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void answersLinesOnAConfirmedProformaWith409() {
        String contract = "PC-" + UUID.randomUUID();
        UUID invoiceId = createProforma(contract);
        addBacklogLines(invoiceId, recordBacklog(contract, 1));
        assertThat(api.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "").status()).isEqualTo(200);

        Response response = api.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                List.of(Map.of("description", "Fee", "quantity", 1, "unitPrice", 5))));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("type")).isEqualTo("urn:invoicesync:problem:proforma-is-still-draft");
    }

    @Test
    void everyEndpointNeedsAuthenticationAndTheRightRole() {
        Response anonymous = api.post(null, "/api/proformas", Map.of());
        Response wrongPassword = api.post("pm:nope", "/api/proformas", Map.of());
        Response financeWrites = api.post(Api.FINANCE, "/api/proformas", Map.of());
        Response pmRunsJobs = api.post(Api.PM, "/api/integration-jobs", Map.of("name", "x"));
        Response adminEditsProformas = api.post(Api.ADMIN, "/api/proformas", Map.of());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(financeWrites.status()).isEqualTo(403);
        assertThat(pmRunsJobs.status()).isEqualTo(403);
        assertThat(adminEditsProformas.status()).isEqualTo(403);
    }

    @Test
    void runsAnIntegrationJobOnlyOnceItIsSavedAndThePreconditionsHold() {
        Response created = api.post(Api.ADMIN, "/api/integration-jobs", Map.of("name", "Async invoicing"));
        String job = "/api/integration-jobs/" + created.text("jobId");

        assertThat(api.post(Api.ADMIN, job + "/table-maps", Map.of("tableMap", "msdyn_actuals")).status())
                .isEqualTo(422);
        for (String map : List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections")) {
            assertThat(api.post(Api.ADMIN, job + "/table-maps", Map.of("tableMap", map)).status()).isEqualTo(200);
        }
        assertThat(api.post(Api.ADMIN, job + "/run", "").status()).isEqualTo(409);
        assertThat(api.post(Api.ADMIN, job + "/save", "").status()).isEqualTo(200);

        api.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "REAL_TIME",
                "projectActualValuesTracking", "ON_DEMAND_UPDATE"));
        api.put(Api.ADMIN, "/api/dual-write/core-solution", Map.of("version", "1.0.24093.1"));
        Response refused = api.post(Api.ADMIN, job + "/run", "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo("projectTaskTimeTracking");

        api.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "ON_DEMAND_UPDATE",
                "projectActualValuesTracking", "ON_DEMAND_UPDATE"));
        Response run = api.post(Api.ADMIN, job + "/run", "");
        assertThat(run.status()).isEqualTo(202);
        assertThat(run.text("status")).isEqualTo("ACTIVE");
        assertThat(api.post(Api.ADMIN, job + "/table-maps", Map.of("tableMap", "invoices")).status()).isEqualTo(409);
        try (AsyncJob other = AsyncJob.run(api)) {
            throw new AssertionError("a second job ran while " + job + " was active: " + other.path());
        } catch (IllegalStateException secondRun) {
            assertThat(secondRun).hasMessageContaining("409").hasMessageContaining("already active");
        }
        assertThat(api.post(Api.ADMIN, job + "/stop", "").status()).isEqualTo(200);
    }

    @Test
    void refusesAnInvalidParameterValueNamingTheChoices() {
        Response response = api.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "SOMETIMES",
                "projectActualValuesTracking", "ON_DEMAND_UPDATE"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("detail")).contains("REAL_TIME, ON_DEMAND_UPDATE");
    }
}
