package io.invoicesync.query.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * G7/G9 at the edge: requests a hostile or careless client sends to either app, each refused as problem+json that
 * names the rule (and the field), with the security headers, and with nothing written to the event store. Both apps
 * run for real on a database of their own, with a draft and a confirmed proforma, and jobs in each state to aim at.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + HostileRequestsTest.DATABASE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {

    static final String DATABASE = "hostile_requests";
    private static final String PROBLEM = "urn:invoicesync:problem:";
    private static final String UNKNOWN = "00000000-0000-0000-0000-0000000000f0";

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    Api command;
    Api query;
    /** Ids the cases aim at, by placeholder: {draft}, {confirmed}, {jobDraft}, {jobSaved}, {jobRun}, {unknown}. */
    final Map<String, String> ids = new java.util.HashMap<>();

    enum App { COMMAND, QUERY }

    record Case(String name, App app, String user, String method, String path, String body, int status, String rule,
                String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void aimsAtRealThings() {
        command = new Api(CommandSide.port(DATABASE, queryPort));
        query = new Api(queryPort);
        ids.put("{unknown}", UNKNOWN);
        ids.put("{draft}", Proformas.draft(command, "CUST-H", 1).toString());
        ids.put("{confirmed}", Proformas.confirmed(command, "CUST-H", 1).invoiceId().toString());
        ids.put("{jobDraft}", job("draft"));
        String saved = job("saved");
        mapsAndSave(saved);
        ids.put("{jobSaved}", saved);
        String run = job("run");
        mapsAndSave(run);
        ok(command.put(Api.ADMIN, "/api/parameters", Map.of("projectTaskTimeTracking", "ON_DEMAND_UPDATE",
                "projectActualValuesTracking", "ON_DEMAND_UPDATE")), 200);
        ok(command.put(Api.ADMIN, "/api/dual-write/core-solution", Map.of("version", "1.0.24093.1")), 200);
        ok(command.post(Api.ADMIN, "/api/integration-jobs/" + run + "/run", ""), 202);
        ids.put("{jobRun}", run);
        // Let both apps finish what these set-up requests started (the query side publishes sync events), so that
        // any growth of the store during a case is the case's own.
        long[] last = {-1};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = storedEvents();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAProblemNamingTheRuleAndWritesNothing(Case hostile) {
        long before = storedEvents();
        Api app = hostile.app() == App.COMMAND ? command : query;

        Api.Response response = app.send(hostile.user(), hostile.method(), resolve(hostile.path()),
                hostile.body() == null ? null : resolve(hostile.body()));

        assertThat(response.status()).as(hostile.name() + ": " + response.body()).isEqualTo(hostile.status());
        assertThat(response.contentType()).as(hostile.name()).startsWith("application/problem+json");
        assertThat(response.text("type")).as(hostile.name() + ": " + response.body())
                .isEqualTo(PROBLEM + hostile.rule());
        assertThat(response.header("X-Content-Type-Options")).as(hostile.name()).isEqualTo("nosniff");
        if (hostile.field() != null) {
            assertThat(response.body().path("errors").valueStream().map(e -> e.path("field").asString()))
                    .as(hostile.name() + ": " + response.body()).contains(hostile.field());
        }
        assertThat(storedEvents()).as(hostile.name() + " wrote events").isEqualTo(before);
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(backlog());
        all.addAll(proformas());
        all.addAll(lines());
        all.addAll(parametersAndJobs());
        all.addAll(queries());
        all.addAll(paths());
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        return all.stream();
    }

    // ---- the cases ------------------------------------------------------------------------------------------------

    private static final String TRANSACTION = """
            "projectId":"P-1","contractLineId":"CL-1","transactionClass":"TIME","quantity":2,"unitPrice":100.5,\
            "currency":"EUR","transactionDate":"2026-11-01\"""";

    /** One backlog transaction with the fields given last (JSON keeps the last of a repeated key). */
    private static String transaction(String override) {
        return "{\"projectContractId\":\"PC-H\",\"transactions\":[{" + TRANSACTION + "," + override + "}]}";
    }

    private static Case backlogCase(String name, String override, int status, String rule, String field) {
        return new Case("backlog: " + name, App.COMMAND, Api.PM, "POST", "/api/backlog/transactions",
                transaction(override), status, rule, field);
    }

    private static List<Case> backlog() {
        String at = "transactions[0].";
        return List.of(
                backlogCase("quantity 1e400", "\"quantity\":1e400", 422, "invalid-request", at + "quantity"),
                backlogCase("40-digit price", "\"unitPrice\":1234567890123456789012345678901234567890", 422,
                        "invalid-request", at + "unitPrice"),
                backlogCase("negative quantity", "\"quantity\":-1", 422, "invalid-request", at + "quantity"),
                backlogCase("zero quantity", "\"quantity\":0", 422, "invalid-request", at + "quantity"),
                backlogCase("three decimals of quantity", "\"quantity\":1.234", 422, "invalid-request", at + "quantity"),
                backlogCase("five decimals of price", "\"unitPrice\":1.23456", 422, "invalid-request", at + "unitPrice"),
                backlogCase("negative price", "\"unitPrice\":-0.01", 422, "invalid-request", at + "unitPrice"),
                backlogCase("quantity × price beyond Finance", "\"quantity\":1000000000000,\"unitPrice\":10000000",
                        422, "invalid-request", "transactions[0]"),
                backlogCase("currency EURO", "\"currency\":\"EURO\"", 422, "invalid-request", at + "currency"),
                backlogCase("currency in lower case", "\"currency\":\"eur\"", 422, "invalid-request", at + "currency"),
                backlogCase("year +99999", "\"transactionDate\":\"+99999-01-01\"", 422, "invalid-request",
                        at + "transactionDate"),
                backlogCase("year 1899", "\"transactionDate\":\"1899-12-31\"", 422, "invalid-request",
                        at + "transactionDate"),
                backlogCase("date as a number", "\"transactionDate\":20260101", 400, "malformed-request",
                        at + "transactionDate"),
                backlogCase("30 February", "\"transactionDate\":\"2026-02-30\"", 400, "malformed-request",
                        at + "transactionDate"),
                backlogCase("NUL in projectId", "\"projectId\":\"P-\\u0000\"", 422, "invalid-request", at + "projectId"),
                backlogCase("lone surrogate in description", "\"description\":\"Work \\ud800\"", 422,
                        "invalid-request", at + "description"),
                backlogCase("escape character in contractLineId", "\"contractLineId\":\"CL\\u001b[2J\"", 422,
                        "invalid-request", at + "contractLineId"),
                backlogCase("101-character contractLineId", "\"contractLineId\":\"" + "c".repeat(101) + "\"", 422,
                        "invalid-request", at + "contractLineId"),
                backlogCase("unknown transaction class", "\"transactionClass\":\"BONUS\"", 422, "invalid-request",
                        at + "transactionClass"),
                backlogCase("quantity as text", "\"quantity\":\"two\"", 400, "malformed-request", at + "quantity"),
                backlogCase("unknown field", "\"discount\":5", 400, "malformed-request", at + "discount"),
                backlogCase("projectId as a number", "\"projectId\":42", 400, "malformed-request", at + "projectId"),
                new Case("backlog: no transactions", App.COMMAND, Api.PM, "POST", "/api/backlog/transactions",
                        "{\"projectContractId\":\"PC-H\",\"transactions\":[]}", 422, "invalid-request", "transactions"),
                new Case("backlog: a null transaction", App.COMMAND, Api.PM, "POST", "/api/backlog/transactions",
                        "{\"projectContractId\":\"PC-H\",\"transactions\":[null]}", 422, "invalid-request",
                        "transactions[0]"),
                new Case("backlog: no contract", App.COMMAND, Api.PM, "POST", "/api/backlog/transactions",
                        "{\"transactions\":[{" + TRANSACTION + "}]}", 422, "invalid-request", "projectContractId"),
                new Case("backlog: not JSON", App.COMMAND, Api.PM, "POST", "/api/backlog/transactions",
                        "{\"projectContractId\": [", 400, "malformed-request", null));
    }

    private static final String PROFORMA = """
            "projectContractId":"PC-H","customerId":"CUST-H","currency":"EUR","invoiceDate":"2026-11-24\"""";

    private static Case proformaCase(String name, String override, int status, String rule, String field) {
        return new Case("create proforma: " + name, App.COMMAND, Api.PM, "POST", "/api/proformas",
                "{" + PROFORMA + "," + override + "}", status, rule, field);
    }

    private static List<Case> proformas() {
        return List.of(
                proformaCase("NUL in customerId", "\"customerId\":\"CUST-\\u0000\"", 422, "invalid-request",
                        "customerId"),
                proformaCase("lone surrogate in customerId", "\"customerId\":\"CUST-\\udc00\"", 422,
                        "invalid-request", "customerId"),
                proformaCase("invoiceDate as a number", "\"invoiceDate\":20260101", 400, "malformed-request",
                        "invoiceDate"),
                proformaCase("invoiceDate in year +99999", "\"invoiceDate\":\"+99999-01-01\"", 422, "invalid-request",
                        "invoiceDate"),
                proformaCase("currency XYZ", "\"currency\":\"XYZ\"", 422, "invalid-request", "currency"),
                proformaCase("1,001-character header text", "\"invoiceHeaderText\":\"" + "h".repeat(1_001) + "\"",
                        422, "invalid-request", "invoiceHeaderText"),
                proformaCase("blank customer", "\"customerId\":\"  \"", 422, "invalid-request", "customerId"),
                proformaCase("id of an existing proforma", "\"invoiceId\":\"{draft}\"", 409, "id-already-taken",
                        "invoiceId"),
                proformaCase("id of an integration job", "\"invoiceId\":\"{jobDraft}\"", 409, "id-already-taken",
                        "invoiceId"),
                proformaCase("id that is no UUID", "\"invoiceId\":\"abc\"", 400, "malformed-request", "invoiceId"),
                proformaCase("unknown field", "\"discount\":\"10%\"", 400, "malformed-request", "discount"),
                new Case("bulk confirm: a null id", App.COMMAND, Api.PM, "POST", "/api/proformas/confirmations",
                        "{\"invoiceIds\":[null]}", 422, "invalid-request", "invoiceIds[0]"),
                new Case("bulk confirm: no ids", App.COMMAND, Api.PM, "POST", "/api/proformas/confirmations",
                        "{\"invoiceIds\":[]}", 422, "invalid-request", "invoiceIds"),
                new Case("bulk confirm: one id twice", App.COMMAND, Api.PM, "POST", "/api/proformas/confirmations",
                        "{\"invoiceIds\":[\"{unknown}\",\"{unknown}\"]}", 422, "invalid-request", "invoiceIds[1]"));
    }

    private static Case linesCase(String name, String lines, int status, String rule, String field) {
        return new Case("add lines: " + name, App.COMMAND, Api.PM, "POST", "/api/proformas/{draft}/lines",
                "{\"lines\":[" + lines + "]}", status, rule, field);
    }

    private static final String FEE = "\"description\":\"Fee\",\"quantity\":1,\"unitPrice\":10";

    private static List<Case> lines() {
        return List.of(
                linesCase("quantity 1e400", "{" + FEE + ",\"quantity\":1e400}", 422, "invalid-request",
                        "lines[0].quantity"),
                linesCase("40-digit price", "{" + FEE + ",\"unitPrice\":1234567890123456789012345678901234567890}",
                        422, "invalid-request", "lines[0].unitPrice"),
                linesCase("NUL in description", "{" + FEE + ",\"description\":\"Fee\\u0000\"}", 422, "invalid-request",
                        "lines[0].description"),
                linesCase("501-character description", "{" + FEE + ",\"description\":\"" + "d".repeat(501) + "\"}",
                        422, "invalid-request", "lines[0].description"),
                linesCase("no lines", "", 422, "invalid-request", "lines"),
                linesCase("another currency", "{" + FEE + ",\"currency\":\"USD\"}", 422,
                        "line-currency-matches-invoice", "lines[0].currency"),
                linesCase("a manual line without price", "{\"description\":\"Fee\",\"quantity\":1}", 422,
                        "manual-line-is-complete", "lines[0]"),
                linesCase("an unknown backlog transaction", "{\"backlogTransactionId\":\"" + UNKNOWN + "\"}", 422,
                        "backlog-transaction-exists", "lines[0].backlogTransactionId"),
                linesCase("a backlog line bringing its own price",
                        "{\"backlogTransactionId\":\"" + UNKNOWN + "\",\"unitPrice\":1}", 422, "invalid-request",
                        "lines[0]"),
                linesCase("quantity × price beyond Finance",
                        "{" + FEE + ",\"quantity\":1000000000000,\"unitPrice\":10000000}", 422, "invalid-request",
                        "lines[0]"),
                linesCase("a total beyond Finance", "{" + FEE + ",\"quantity\":100000000000,\"unitPrice\":9000},{"
                        + FEE + ",\"quantity\":100000000000,\"unitPrice\":9000}", 422, "invoice-total-fits-finance",
                        "lines"),
                linesCase("a null line", "null", 422, "invalid-request", "lines[0]"),
                new Case("add lines: 5,001 lines", App.COMMAND, Api.PM, "POST", "/api/proformas/{draft}/lines",
                        "{\"lines\":[" + String.join(",", java.util.Collections.nCopies(5_001, "{" + FEE + "}")) + "]}",
                        422, "invalid-request", "lines"),
                new Case("add lines: to an integration job", App.COMMAND, Api.PM, "POST",
                        "/api/proformas/{jobDraft}/lines", "{\"lines\":[{" + FEE + "}]}", 404, "exists", "invoiceId"),
                new Case("add lines: to an unknown proforma", App.COMMAND, Api.PM, "POST",
                        "/api/proformas/{unknown}/lines", "{\"lines\":[{" + FEE + "}]}", 404, "exists", "invoiceId"),
                new Case("add lines: to a confirmed proforma", App.COMMAND, Api.PM, "POST",
                        "/api/proformas/{confirmed}/lines", "{\"lines\":[{" + FEE + "}]}", 409,
                        "proforma-is-still-draft", "invoiceId"),
                new Case("add lines: id that is no UUID", App.COMMAND, Api.PM, "POST", "/api/proformas/abc/lines",
                        "{\"lines\":[{" + FEE + "}]}", 400, "malformed-request", "invoiceId"),
                new Case("remove line: unknown line", App.COMMAND, Api.PM, "DELETE",
                        "/api/proformas/{draft}/lines/{unknown}", null, 404, "line-is-on-proforma", "lineId"),
                new Case("remove line: line id that is no UUID", App.COMMAND, Api.PM, "DELETE",
                        "/api/proformas/{draft}/lines/x", null, 400, "malformed-request", "lineId"),
                new Case("remove line: from an integration job", App.COMMAND, Api.PM, "DELETE",
                        "/api/proformas/{jobDraft}/lines/{unknown}", null, 404, "exists", "invoiceId"),
                new Case("confirm: an integration job", App.COMMAND, Api.PM, "POST", "/api/proformas/{jobDraft}/confirm",
                        "", 404, "exists", "invoiceId"),
                new Case("confirm: twice", App.COMMAND, Api.PM, "POST", "/api/proformas/{confirmed}/confirm", "", 409,
                        "proforma-is-not-confirmed-yet", "invoiceId"),
                new Case("confirm: an unknown proforma", App.COMMAND, Api.PM, "POST", "/api/proformas/{unknown}/confirm",
                        "", 404, "exists", "invoiceId"));
    }

    private static Case admin(String name, String method, String path, String body, int status, String rule,
                              String field) {
        return new Case(name, App.COMMAND, Api.ADMIN, method, path, body, status, rule, field);
    }

    private static List<Case> parametersAndJobs() {
        String thousandAndOne = IntStream.range(0, 1_001).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        return List.of(
                admin("core solution: version as a number", "PUT", "/api/dual-write/core-solution",
                        "{\"version\":1.0}", 400, "malformed-request", "version"),
                admin("core solution: version with a letter", "PUT", "/api/dual-write/core-solution",
                        "{\"version\":\"1.0.x\"}", 422, "invalid-request", "version"),
                admin("core solution: full-width digits", "PUT", "/api/dual-write/core-solution",
                        "{\"version\":\"１.０.２４０９３.１\"}", 422, "invalid-request", "version"),
                admin("core solution: no version", "PUT", "/api/dual-write/core-solution", "{}", 422,
                        "invalid-request", "version"),
                admin("parameters: unknown mode", "PUT", "/api/parameters", "{\"projectTaskTimeTracking\":\"SOMETIMES\","
                        + "\"projectActualValuesTracking\":\"ON_DEMAND_UPDATE\"}", 422, "invalid-request",
                        "projectTaskTimeTracking"),
                admin("parameters: mode as a boolean", "PUT", "/api/parameters", "{\"projectTaskTimeTracking\":true,"
                        + "\"projectActualValuesTracking\":\"ON_DEMAND_UPDATE\"}", 400, "malformed-request",
                        "projectTaskTimeTracking"),
                admin("create job: id of an existing job", "POST", "/api/integration-jobs",
                        "{\"jobId\":\"{jobDraft}\",\"name\":\"again\"}", 409, "id-already-taken", "jobId"),
                admin("create job: id of a proforma", "POST", "/api/integration-jobs",
                        "{\"jobId\":\"{draft}\",\"name\":\"again\"}", 409, "id-already-taken", "jobId"),
                admin("create job: NUL in name", "POST", "/api/integration-jobs", "{\"name\":\"job\\u0000\"}", 422,
                        "invalid-request", "name"),
                admin("create job: 201-character name", "POST", "/api/integration-jobs",
                        "{\"name\":\"" + "n".repeat(201) + "\"}", 422, "invalid-request", "name"),
                admin("table map: unknown", "POST", "/api/integration-jobs/{jobDraft}/table-maps",
                        "{\"tableMap\":\"msdyn_projects\"}", 422, "table-map-is-known", "tableMap"),
                admin("table map: out of dependency order", "POST", "/api/integration-jobs/{jobDraft}/table-maps",
                        "{\"tableMap\":\"msdyn_actuals\"}", 422, "table-map-follows-its-dependencies", "tableMap"),
                admin("table map: on a proforma", "POST", "/api/integration-jobs/{draft}/table-maps",
                        "{\"tableMap\":\"invoices\"}", 404, "exists", "jobId"),
                admin("table map: on an active job", "POST", "/api/integration-jobs/{jobRun}/table-maps",
                        "{\"tableMap\":\"invoices\"}", 409, "job-is-not-active", "jobId"),
                admin("save: unknown job", "POST", "/api/integration-jobs/{unknown}/save", "", 404, "exists", "jobId"),
                admin("run: an unsaved job", "POST", "/api/integration-jobs/{jobDraft}/run", "", 409, "job-is-saved",
                        "jobId"),
                admin("run: a proforma", "POST", "/api/integration-jobs/{draft}/run", "", 404, "exists", "jobId"),
                admin("stop: a job that is not running", "POST", "/api/integration-jobs/{jobSaved}/stop", "", 409,
                        "job-is-running-or-paused", "jobId"),
                admin("pause: a job that is not running", "POST", "/api/integration-jobs/{jobSaved}/pause", "", 409,
                        "job-is-active", "jobId"),
                admin("resume: a job that is not paused", "POST", "/api/integration-jobs/{jobSaved}/resume", "", 409,
                        "job-is-paused", "jobId"),
                admin("pause: unknown job", "POST", "/api/integration-jobs/{unknown}/pause", "", 404, "exists",
                        "jobId"),
                admin("dismiss: on a job that never ran", "POST", "/api/integration-jobs/{jobSaved}/errors/dismiss", "",
                        409, "job-has-run", "jobId"),
                admin("retry: an invoice that is not failed", "POST", "/api/integration-jobs/{jobRun}/errors/retry",
                        "{\"invoiceIds\":[\"{confirmed}\"]}", 422, "invoices-are-failed-in-job", "invoiceIds"),
                admin("retry: an unknown invoice", "POST", "/api/integration-jobs/{jobRun}/errors/retry",
                        "{\"invoiceIds\":[\"{unknown}\"]}", 422, "invoices-are-failed-in-job", "invoiceIds"),
                admin("dismiss: when nothing failed", "POST", "/api/integration-jobs/{jobRun}/errors/dismiss", "{}",
                        409, "invoices-are-failed-in-job", "invoiceIds"),
                admin("retry: 1,001 invoices", "POST", "/api/integration-jobs/{jobRun}/errors/retry",
                        "{\"invoiceIds\":[" + thousandAndOne + "]}", 422, "invalid-request", "invoiceIds"),
                admin("retry: a null invoice", "POST", "/api/integration-jobs/{jobRun}/errors/retry",
                        "{\"invoiceIds\":[null]}", 422, "invalid-request", "invoiceIds[0]"),
                admin("retry: on a proforma", "POST", "/api/integration-jobs/{draft}/errors/retry", "", 404, "exists",
                        "jobId"));
    }

    private static Case read(String name, String path, int status, String rule, String field) {
        return new Case(name, App.QUERY, Api.FINANCE, "GET", path, null, status, rule, field);
    }

    private static List<Case> queries() {
        return List.of(
                read("proposals: NUL in the customer filter", "/api/finance/invoice-proposals?customerId=a%00b", 422,
                        "invalid-request", "customerId"),
                read("proposals: 101-character contract filter",
                        "/api/finance/invoice-proposals?projectContractId=" + "p".repeat(101), 422, "invalid-request",
                        "projectContractId"),
                read("proposals: negative page", "/api/finance/invoice-proposals?page=-1", 422, "invalid-request",
                        "page"),
                read("proposals: page of 100,000", "/api/finance/invoice-proposals?size=100000", 422,
                        "invalid-request", "size"),
                read("proposals: page as text", "/api/finance/invoice-proposals?page=abc", 400, "malformed-request",
                        "page"),
                read("proposal: unknown", "/api/finance/invoice-proposals/{unknown}", 404, "not-found", null),
                read("actuals: no invoice named", "/api/finance/actuals", 422, "invalid-request", "invoiceProposalId"),
                read("actuals: invoice id that is no UUID", "/api/finance/actuals?invoiceProposalId=x", 400,
                        "malformed-request", "invoiceProposalId"),
                read("connections: no invoice named", "/api/finance/transaction-connections", 422, "invalid-request",
                        "invoiceProposalId"),
                read("job: id that is no UUID", "/api/integration-jobs/xyz", 400, "malformed-request", "jobId"),
                read("job: unknown", "/api/integration-jobs/{unknown}", 404, "not-found", null),
                read("job's invoice: one real time synced, under a job that did not",
                        "/api/integration-jobs/{jobRun}/invoices/{confirmed}", 404, "not-found", null),
                read("errors: unknown status", "/api/integration-jobs/{jobRun}/errors?status=BROKEN", 422,
                        "invalid-request", "status"),
                new Case("customer hold: escape character in the customer", App.QUERY, Api.ADMIN, "PUT",
                        "/api/finance/customers/CUST%1B", "{\"onHold\":true}", 422, "invalid-request", "customerId"),
                new Case("customer hold: 101-character customer", App.QUERY, Api.ADMIN, "PUT",
                        "/api/finance/customers/" + "c".repeat(101), "{\"onHold\":true}", 422, "invalid-request",
                        "customerId"),
                new Case("customer hold: no onHold", App.QUERY, Api.ADMIN, "PUT", "/api/finance/customers/CUST-H",
                        "{\"holdReason\":\"late\"}", 422, "invalid-request", "onHold"),
                new Case("real-time sync: an invoice already in Finance", App.QUERY, Api.SYNC, "POST",
                        "/api/real-time-sync/invoices/{confirmed}", "", 409, "invoice-is-not-synced-yet", "invoiceId"),
                new Case("real-time sync: an unknown invoice", App.QUERY, Api.SYNC, "POST",
                        "/api/real-time-sync/invoices/{unknown}", "", 404, "invoice-exists", "invoiceId"));
    }

    private static List<Case> paths() {
        return List.of(
                read("GET /error", "/error", 404, "not-found", null),
                new Case("GET /error on the command side", App.COMMAND, Api.PM, "GET", "/error", null, 404,
                        "not-found", null),
                read("dot-dot in the path", "/api/finance/%2e%2e/actuals", 400, "invalid-path", null),
                read("semicolon in the path", "/api/finance/actuals;jsessionid=1", 400, "invalid-path", null),
                // Tomcat itself refuses an encoded slash, backslash or NUL before Spring sees the path; the answer
                // still names the path parameter that held it.
                read("encoded slash in the path", "/api/finance/invoice-proposals/a%2Fb", 400, "invalid-request",
                        "invoiceProposalId"),
                read("encoded NUL in the path", "/api/finance/invoice-proposals/a%00/lines", 400, "invalid-request",
                        "invoiceProposalId"),
                read("encoded backslash in the path", "/api/finance/invoice-proposals/a%5Cb", 400,
                        "invalid-request", "invoiceProposalId"),
                new Case("customer hold: encoded slash in the customer", App.QUERY, Api.ADMIN, "PUT",
                        "/api/finance/customers/CUST%2F7", "{\"onHold\":true}", 400, "invalid-request", "customerId"),
                new Case("customer hold: NUL in the customer", App.QUERY, Api.ADMIN, "PUT",
                        "/api/finance/customers/CUST%007", "{\"onHold\":true}", 400, "invalid-request", "customerId"),
                new Case("encoded slash in a command path", App.COMMAND, Api.PM, "POST",
                        "/api/proformas/a%2Fb/confirm", "", 400, "invalid-request", "invoiceId"),
                read("encoded slash where no endpoint is", "/api/nothing/a%2Fb", 400, "invalid-request", null),
                read("double slash in the path", "/api/finance//invoice-proposals", 400, "invalid-path", null),
                new Case("dot-dot in a command path", App.COMMAND, Api.PM, "POST", "/api/proformas/..;/x/confirm", "",
                        400, "invalid-path", null),
                read("a 20,000-character URL", "/api/finance/invoice-proposals/" + "a".repeat(20_000), 400,
                        "invalid-request", null),
                new Case("a 20,000-character command URL", App.COMMAND, Api.PM, "POST",
                        "/api/proformas/" + "a".repeat(20_000) + "/confirm", "", 400, "invalid-request", null));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private String job(String name) {
        Api.Response created = command.post(Api.ADMIN, "/api/integration-jobs", Map.of("name", name));
        ok(created, 201);
        return created.text("jobId");
    }

    private void mapsAndSave(String jobId) {
        for (String map : List.of("invoices", "msdyn_actuals", "msdyn_transactionconnections")) {
            ok(command.post(Api.ADMIN, "/api/integration-jobs/" + jobId + "/table-maps", Map.of("tableMap", map)),
                    200);
        }
        ok(command.post(Api.ADMIN, "/api/integration-jobs/" + jobId + "/save", ""), 200);
    }

    private static void ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    }

    private String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            resolved = resolved.replace(id.getKey(), id.getValue());
        }
        return resolved;
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
