package io.invoicesync.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.command.support.Api.Response;
import io.invoicesync.command.support.CommandSideTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes sent again with the same Idempotency-Key get the first answer back and change nothing more: a create that
 * chose no id, lines, a confirm, a refusal. Another request under the key is refused 422, one while the first runs
 * 409, a malformed key 422; another user's key is another key; an expired key is free again.
 */
@CommandSideTest
class IdempotencyKeysTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotencyKeys keys;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aCreateSentAgainWithItsKeyGetsTheFirstAnswerAndMakesNoSecondProforma() {
        String key = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(proforma("PC-" + UUID.randomUUID()));

        Response first = send("POST", "/api/proformas", body, key);
        Response again = send("POST", "/api/proformas", body, key);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.header(IdempotentWrites.REPLAYED)).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header(IdempotentWrites.REPLAYED)).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.eTag()).isEqualTo(first.eTag());
        // The server chose the id: one proforma was created, not two.
        String contract = JSON.readTree(body).path("projectContractId").asString();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%ProformaCreated' AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%" + contract + "%"))
                .isEqualTo(1);
    }

    @Test
    void linesAndAConfirmSentAgainAnswerAsTheFirstDidAndBillOnce() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        assertThat(api.post(Api.PM, "/api/backlog/transactions", Map.of("projectContractId", contract,
                "transactions", backlog.stream().map(IdempotencyKeysTest::transaction).toList())).status())
                .isEqualTo(201);
        UUID invoice = UUID.fromString(api.post(Api.PM, "/api/proformas", proforma(contract)).text("invoiceId"));
        String lines = JSON.writeValueAsString(Map.of("lines", backlog.stream()
                .map(id -> Map.of("backlogTransactionId", id)).toList()));
        String linesKey = UUID.randomUUID().toString();

        Response added = send("POST", "/api/proformas/" + invoice + "/lines", lines, linesKey);
        Response addedAgain = send("POST", "/api/proformas/" + invoice + "/lines", lines, linesKey);
        assertThat(added.status()).isEqualTo(201);
        assertThat(addedAgain.body()).as("the same line ids, no new lines").isEqualTo(added.body());

        String confirmKey = UUID.randomUUID().toString();
        Response confirmed = send("POST", "/api/proformas/" + invoice + "/confirm", "", confirmKey);
        Response confirmedAgain = send("POST", "/api/proformas/" + invoice + "/confirm", "", confirmKey);
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        assertThat(confirmedAgain.status()).isEqualTo(200);
        assertThat(confirmedAgain.body()).isEqualTo(confirmed.body());
        assertThat(confirmedAgain.body().path("lineCount").asInt()).isEqualTo(3);
        // Without the key, a confirm sent again is told it is done, and what was confirmed.
        Response withoutKey = api.post(Api.PM, "/api/proformas/" + invoice + "/confirm", "");
        assertThat(withoutKey.status()).isEqualTo(409);
        assertThat(withoutKey.text("type")).endsWith(":proforma-is-not-confirmed-yet");
        assertThat(withoutKey.text("detail")).contains("confirmed already (3 lines");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%ProformaConfirmed'", Long.class, invoice.toString())).isEqualTo(1);
    }

    /**
     * A confirm whose last commit was in doubt: committed, its answer lost with the key freed (the client got 503).
     * Sent again with its key it answers its own confirmation, 200, not a refusal; another key or none is told it was
     * done already. (DatabaseOutageTest cuts a real commit; here the lost answer is its row taken away.)
     */
    @Test
    void aConfirmSentAgainWithItsKeyAfterItsAnswerWasLostAnswersItsOwnConfirmation() {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = IntStream.range(0, 2).mapToObj(i -> UUID.randomUUID()).toList();
        assertThat(api.post(Api.PM, "/api/backlog/transactions", Map.of("projectContractId", contract,
                "transactions", backlog.stream().map(IdempotencyKeysTest::transaction).toList())).status())
                .isEqualTo(201);
        UUID invoice = UUID.fromString(api.post(Api.PM, "/api/proformas", proforma(contract)).text("invoiceId"));
        assertThat(api.post(Api.PM, "/api/proformas/" + invoice + "/lines", Map.of("lines", backlog.stream()
                .map(id -> Map.of("backlogTransactionId", id)).toList())).status()).isEqualTo(201);
        String path = "/api/proformas/" + invoice + "/confirm";
        String key = UUID.randomUUID().toString();
        Response confirmed = send("POST", path, "", key);
        assertThat(confirmed.status()).as(confirmed.body().toString()).isEqualTo(200);
        answerLost(key);

        Response again = send("POST", path, "", key);

        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.header(IdempotentWrites.REPLAYED)).as("carried out again, not replayed").isNull();
        assertThat(again.body().path("lineCount").asInt()).isEqualTo(2);
        assertThat(again.body().path("totalAmount").decimalValue())
                .isEqualByComparingTo(confirmed.body().path("totalAmount").decimalValue());
        assertThat(again.body().path("billedActuals").asInt()).isEqualTo(2);
        Response anotherKey = send("POST", path, "", UUID.randomUUID().toString());
        assertThat(anotherKey.status()).isEqualTo(409);
        assertThat(anotherKey.text("type")).endsWith(":proforma-is-not-confirmed-yet");
        assertThat(api.post(Api.PM, path, "").status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%ProformaConfirmed'", Long.class, invoice.toString())).isEqualTo(1);
    }

    /**
     * A create and lines, their answers lost after they committed (the key freed, as a 503 does): sent again with their
     * keys, each finds what it made (its events name the key) and answers as it did, 201 with the same body; one
     * proforma, no line twice, whether the server chose the ids or the client did.
     */
    @Test
    void serverChosenIdsOfAKeyedRequestAreTheKeysSoARetryAfterALostAnswerMakesNothingTwice() {
        String contract = "PC-" + UUID.randomUUID();
        String body = JSON.writeValueAsString(proforma(contract));
        String createKey = UUID.randomUUID().toString();
        Response created = send("POST", "/api/proformas", body, createKey);
        assertThat(created.status()).isEqualTo(201);
        answerLost(createKey);

        Response again = send("POST", "/api/proformas", body, createKey);

        assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
        assertThat(again.header(IdempotentWrites.REPLAYED)).isNull();
        assertThat(again.body()).isEqualTo(created.body());
        assertThat(again.header("Location")).isEqualTo(created.header("Location"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE "
                + "'%ProformaCreated' AND convert_from(payload, 'UTF8') LIKE ?", Long.class, "%" + contract + "%"))
                .isEqualTo(1);

        String invoice = created.text("invoiceId");
        String lines = JSON.writeValueAsString(Map.of("lines", List.of(Map.of("description", "Workshop",
                "quantity", 1, "unitPrice", 500, "currency", "EUR"))));
        String linesKey = UUID.randomUUID().toString();
        Response added = send("POST", "/api/proformas/" + invoice + "/lines", lines, linesKey);
        assertThat(added.status()).isEqualTo(201);
        answerLost(linesKey);
        Response linesAgain = send("POST", "/api/proformas/" + invoice + "/lines", lines, linesKey);
        assertThat(linesAgain.status()).as(linesAgain.body().toString()).isEqualTo(201);
        assertThat(linesAgain.body()).as("the same line ids").isEqualTo(added.body());
        assertThat(linesAgain.eTag()).isEqualTo(added.eTag());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%InvoiceLinesAdded'", Long.class, invoice)).as("added once").isEqualTo(1);
        // Another client sending the same lines with their ids is told they are there.
        Response otherClient = api.post(Api.PM, "/api/proformas/" + invoice + "/lines", Map.of("lines",
                List.of(Map.of("lineId", added.body().path("lineIds").get(0).asString(), "description", "Workshop",
                        "quantity", 1, "unitPrice", 500, "currency", "EUR"))));
        assertThat(otherClient.status()).isEqualTo(422);
        assertThat(otherClient.text("type")).endsWith(":line-id-is-new");
        // A line removed, its answer lost: sent again with its key, 204 and the same ETag, removed once.
        String removePath = "/api/proformas/" + invoice + "/lines/" + added.body().path("lineIds").get(0).asString();
        String removeKey = UUID.randomUUID().toString();
        Response removed = api.send(Api.PM, "DELETE", removePath, null, Map.of(IdempotentWrites.HEADER, removeKey));
        assertThat(removed.status()).isEqualTo(204);
        answerLost(removeKey);
        Response removedAgain = api.send(Api.PM, "DELETE", removePath, null, Map.of(IdempotentWrites.HEADER,
                removeKey));
        assertThat(removedAgain.status()).isEqualTo(204);
        assertThat(removedAgain.eTag()).isEqualTo(removed.eTag());
        assertThat(api.delete(Api.PM, removePath).status()).as("another client: not on it").isEqualTo(404);

        // The client's own ids: a create sent again after its answer was lost answers 201 as it did, not 409.
        UUID ownId = UUID.randomUUID();
        String ownBody = JSON.writeValueAsString(Map.of("invoiceId", ownId, "projectContractId", contract + "-OWN",
                "customerId", "CUST-IDEM", "currency", "EUR", "invoiceDate", "2026-11-24"));
        String ownKey = UUID.randomUUID().toString();
        Response ownCreated = send("POST", "/api/proformas", ownBody, ownKey);
        assertThat(ownCreated.status()).isEqualTo(201);
        answerLost(ownKey);
        Response ownAgain = send("POST", "/api/proformas", ownBody, ownKey);
        assertThat(ownAgain.status()).as(ownAgain.body().toString()).isEqualTo(201);
        assertThat(ownAgain.body()).isEqualTo(ownCreated.body());
        assertThat(send("POST", "/api/proformas", ownBody, UUID.randomUUID().toString()).text("type"))
                .as("another request for that id").endsWith(":id-already-taken");

        // A backlog record, with the client's transaction ids and without: recorded once, answered as it was.
        String backlogContract = "PC-" + UUID.randomUUID();
        String backlog = JSON.writeValueAsString(Map.of("projectContractId", backlogContract, "transactions",
                List.of(transaction(UUID.randomUUID()), Map.of("projectId", "P-1", "contractLineId", "CL-1",
                        "transactionClass", "TIME", "quantity", 1, "unitPrice", 10, "currency", "EUR",
                        "transactionDate", "2026-11-01"))));
        String backlogKey = UUID.randomUUID().toString();
        Response recorded = send("POST", "/api/backlog/transactions", backlog, backlogKey);
        assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
        answerLost(backlogKey);
        Response recordedAgain = send("POST", "/api/backlog/transactions", backlog, backlogKey);
        assertThat(recordedAgain.status()).as(recordedAgain.body().toString()).isEqualTo(201);
        assertThat(recordedAgain.body()).isEqualTo(recorded.body());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, backlogContract)).as("recorded once").isEqualTo(1);
        // The same key for another request (another body) is another request: a new proforma, another id.
        answerLost(createKey);
        Response other = send("POST", "/api/proformas", JSON.writeValueAsString(proforma(contract + "-B")), createKey);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.text("invoiceId")).isNotEqualTo(invoice);
    }

    /**
     * The integration job's writes, their answers lost after they committed: a create without an id, a run and a stop,
     * each sent again with its key, answer as they did (the same job, the same run id); the job is made, run and
     * stopped once.
     */
    @Test
    void aJobsWritesSentAgainAfterTheirAnswersWereLostAnswerAsTheyDid() {
        String createBody = JSON.writeValueAsString(Map.of("name", "Lost " + UUID.randomUUID().toString()
                .substring(0, 8)));
        String createKey = UUID.randomUUID().toString();
        Response created = admin("POST", "/api/integration-jobs", createBody, createKey);
        assertThat(created.status()).isEqualTo(201);
        answerLost(createKey);
        Response createdAgain = admin("POST", "/api/integration-jobs", createBody, createKey);
        assertThat(createdAgain.status()).as(createdAgain.body().toString()).isEqualTo(201);
        assertThat(createdAgain.body()).isEqualTo(created.body());

        UUID job = AsyncJob.saved(api, "Lost run " + UUID.randomUUID().toString().substring(0, 8));
        String runKey = UUID.randomUUID().toString();
        String stopKey = UUID.randomUUID().toString();
        try {
            Response ran = admin("POST", "/api/integration-jobs/" + job + "/run", "", runKey);
            assertThat(ran.status()).as(ran.body().toString()).isEqualTo(202);
            answerLost(runKey);
            Response ranAgain = admin("POST", "/api/integration-jobs/" + job + "/run", "", runKey);
            assertThat(ranAgain.status()).as(ranAgain.body().toString()).isEqualTo(202);
            assertThat(ranAgain.body()).as("the same run").isEqualTo(ran.body());
            assertThat(api.post(Api.ADMIN, "/api/integration-jobs/" + job + "/run", "").status())
                    .as("another client's run: active already").isEqualTo(409);
        } finally {
            Response stopped = admin("POST", "/api/integration-jobs/" + job + "/stop", "", stopKey);
            assertThat(stopped.status()).isEqualTo(200);
        }
        answerLost(stopKey);
        Response stoppedAgain = admin("POST", "/api/integration-jobs/" + job + "/stop", "", stopKey);
        assertThat(stoppedAgain.status()).as(stoppedAgain.body().toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "payload_type LIKE '%IntegrationJobStarted'", Long.class, job.toString())).isEqualTo(1);
    }

    private Response admin(String method, String path, String body, String key) {
        return api.send(Api.ADMIN, method, path, body, Map.of(IdempotentWrites.HEADER, key));
    }

    @Test
    void aRefusalIsAnAnswerToo() {
        String key = UUID.randomUUID().toString();
        String path = "/api/proformas/" + UUID.randomUUID() + "/confirm";

        Response first = send("POST", path, "", key);
        Response again = send("POST", path, "", key);

        assertThat(first.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header(IdempotentWrites.REPLAYED)).isEqualTo("true");
        assertThat(again.text("type")).isEqualTo(first.text("type"));
    }

    @Test
    void theKeySentWithAnotherRequestIsRefusedAndNothingIsDone() {
        String key = UUID.randomUUID().toString();
        assertThat(send("POST", "/api/proformas", JSON.writeValueAsString(proforma("PC-A-" + key)), key).status())
                .isEqualTo(201);

        Response other = send("POST", "/api/proformas", JSON.writeValueAsString(proforma("PC-B-" + key)), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("type")).endsWith(":idempotency-key-names-one-request");
        assertThat(other.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') "
                + "LIKE ?", Long.class, "%PC-B-" + key + "%")).isZero();
    }

    @Test
    void aRequestSentWhileTheFirstStillRunsIsRefused409() {
        String key = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(proforma("PC-" + key));
        // The first request with the key is running (claimed, not answered yet).
        assertThat(keys.claim("pm", key, IdempotentWrites.fingerprint("POST", "/api/proformas",
                body.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID()))
                .isInstanceOf(IdempotencyKeys.Claimed.class);

        Response meanwhile = send("POST", "/api/proformas", body, key);

        assertThat(meanwhile.status()).isEqualTo(409);
        assertThat(meanwhile.text("type")).endsWith(":idempotency-key-is-not-in-flight");
        // A first request that never answers frees its key after the lease: the request is carried out.
        jdbc.update("UPDATE idempotency_key SET started_at = now() - interval '6 minutes' WHERE idempotency_key = ?",
                key);
        assertThat(send("POST", "/api/proformas", body, key).status()).isEqualTo(201);
    }

    @Test
    void aMalformedKeyIsRefusedAndAnotherUsersKeyIsAnotherKey() {
        Response tooLong = send("POST", "/api/proformas", JSON.writeValueAsString(proforma("PC-LONG")),
                "k".repeat(256));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");

        // The same key from an admin (a job) and a project manager (a proforma): two keys, two requests carried out.
        String key = UUID.randomUUID().toString();
        Response admins = api.send(Api.ADMIN, "POST", "/api/integration-jobs",
                JSON.writeValueAsString(Map.of("name", "Keyed job")), Map.of(IdempotentWrites.HEADER, key));
        Response pms = send("POST", "/api/proformas", JSON.writeValueAsString(proforma("PC-" + key)), key);
        assertThat(admins.status()).as(admins.body().toString()).isEqualTo(201);
        assertThat(pms.status()).as(pms.body().toString()).isEqualTo(201);
        assertThat(pms.header(IdempotentWrites.REPLAYED)).isNull();
    }

    @Test
    void anExpiredKeyIsFreeAgainAndIsPruned() {
        String key = UUID.randomUUID().toString();
        assertThat(send("POST", "/api/proformas", JSON.writeValueAsString(proforma("PC-OLD-" + key)), key).status())
                .isEqualTo(201);
        jdbc.update("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?",
                key);

        Response reused = send("POST", "/api/proformas", JSON.writeValueAsString(proforma("PC-NEW-" + key)), key);
        assertThat(reused.status()).isEqualTo(201);
        assertThat(reused.header(IdempotentWrites.REPLAYED)).isNull();

        jdbc.update("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?",
                key);
        assertThat(keys.prune()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class,
                key)).isZero();
    }

    /**
     * The request committed but its answer never reached the client (a commit in doubt: answered 503, its key freed),
     * so the client sends it again under the same key.
     */
    private void answerLost(String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ?", key);
    }

    private Response send(String method, String path, String body, String key) {
        return api.send(Api.PM, method, path, body, Map.of(IdempotentWrites.HEADER, key));
    }

    private static Map<String, Object> proforma(String contract) {
        return Map.of("projectContractId", contract, "customerId", "CUST-IDEM", "currency", "EUR",
                "invoiceDate", "2026-11-24");
    }

    private static Map<String, Object> transaction(UUID id) {
        return Map.of("transactionId", id, "projectId", "P-1", "contractLineId", "CL-1", "transactionClass", "TIME",
                "quantity", new BigDecimal("2"), "unitPrice", new BigDecimal("100.25"), "currency", "EUR",
                "transactionDate", "2026-11-01");
    }
}
