package io.invoicesync.query.finance.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.query.support.CommandSide;
import io.invoicesync.query.support.FinanceChecks;
import io.invoicesync.query.support.Proformas;
import io.invoicesync.query.support.QuerySideTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The change log pruned by age (a retention set): only what is older goes, never what the Kafka relay has not
 * published, oldest first; a consumer whose cursor is before what is left is answered 410 naming where the log now
 * starts, never served a gap; from there the feed gives every change left, as before.
 */
@QuerySideTest
// A world of its own (its log is pruned), on few connections: the JVM shares one PostgreSQL among test databases.
@TestPropertySource(properties = {"invoicesync.database.embedded.database=" + ChangeLogPruningTest.DATABASE,
        "invoicesync.database.maximum-pool-size=4", "invoicesync.finance.changes.retention=P1D"})
@DirtiesContext
class ChangeLogPruningTest {

    static final String DATABASE = "change_pruning";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @LocalServerPort
    int queryPort;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FinanceChanges changes;
    @Autowired
    ChangeLogPruning pruning;

    @Test
    void prunedChangesAreAnswered410NeverAGapAndTheRelaysUnpublishedRowsWait() {
        Api command = new Api(CommandSide.port(DATABASE, queryPort, "--invoicesync.database.maximum-pool-size=4"));
        Api query = new Api(queryPort);
        FinanceChecks finance = new FinanceChecks(jdbc);
        UUID first;
        UUID second;
        try (AsyncJob job = AsyncJob.run(command)) {
            first = Proformas.confirmed(command, "CUST-PRUNE", 3).invoiceId();
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(first)));
            second = Proformas.confirmed(command, "CUST-PRUNE", 2).invoiceId();
            await().atMost(TIMEOUT).until(() -> "SYNCED".equals(finance.status(second)));
        }
        List<JsonNode> all = read(query, "");
        String endOfFirst = lastCursorOf(all, first);
        List<JsonNode> afterFirst = all.subList(indexOf(all, endOfFirst) + 1, all.size());
        assertThat(afterFirst).as("the second invoice's changes, after the first's")
                .hasSize(1 + 2 + 2 + 4).allSatisfy(c -> assertThat(c.path("invoiceId").asString())
                        .isEqualTo(second.toString()));

        // Nothing is a day old: the retention takes nothing.
        assertThat(pruning.prune(Instant.now().minus(Duration.ofDays(1)))).isZero();
        assertThat(changes.horizon()).isEmpty();

        // Everything is old enough, but the relay has published only the first invoice: the second's rows wait.
        changes.recordRead("kafka", ChangeCursor.parse(endOfFirst).orElseThrow());
        assertThat(pruning.prune(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(all.size() - afterFirst.size());
        assertThat(changes.horizon().map(ChangeCursor::toString)).contains(endOfFirst);

        // From the start, or from inside what went: 410, naming where the log now starts; never a page with a gap.
        for (String before : List.of("", all.get(0).path("cursor").asString())) {
            Api.Response gone = query.send(Api.FINANCE, "GET", "/api/finance/changes?after=" + before, null);
            assertThat(gone.status()).as(gone.body().toString()).isEqualTo(410);
            assertThat(gone.body().path("type").asString()).endsWith("changes-pruned");
            assertThat(gone.body().path("detail").asString()).contains("after=" + endOfFirst);
        }
        // From where it starts: every change left, the same as before the pruning.
        assertThat(read(query, endOfFirst)).extracting(c -> c.path("cursor").asString())
                .containsExactlyElementsOf(afterFirst.stream().map(c -> c.path("cursor").asString()).toList());

        // Once the relay has published the rest, it may go too.
        String end = all.get(all.size() - 1).path("cursor").asString();
        changes.recordRead("kafka", ChangeCursor.parse(end).orElseThrow());
        assertThat(pruning.prune(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(afterFirst.size());
        assertThat(changes.horizon().map(ChangeCursor::toString)).contains(end);
        assertThat(query.send(Api.FINANCE, "GET", "/api/finance/changes?after=" + endOfFirst, null).status())
                .isEqualTo(410);
        assertThat(read(query, end)).isEmpty();
    }

    /** Every change after {@code after}, a page at a time. */
    private static List<JsonNode> read(Api query, String after) {
        List<JsonNode> read = new ArrayList<>();
        String from = after;
        while (true) {
            Api.Response page = query.send(Api.FINANCE, "GET", "/api/finance/changes?limit=1000&after=" + from, null);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("changes").forEach(read::add);
            from = page.body().path("next").asString();
            if (!page.body().path("more").asBoolean()) {
                return read;
            }
        }
    }

    private static String lastCursorOf(List<JsonNode> changes, UUID invoice) {
        return changes.stream().filter(c -> c.path("invoiceId").asString().equals(invoice.toString()))
                .reduce((a, b) -> b).orElseThrow().path("cursor").asString();
    }

    private static int indexOf(List<JsonNode> changes, String cursor) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).path("cursor").asString().equals(cursor)) {
                return i;
            }
        }
        throw new AssertionError("no change " + cursor);
    }
}
