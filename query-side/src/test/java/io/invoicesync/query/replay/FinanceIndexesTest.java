package io.invoicesync.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What a replay drops it builds again as it was when dropped: a statement kept from an earlier, dead replay for an
 * object built again by hand since (otherwise) gives way to the definition the catalog holds now.
 */
@QuerySideTest
@TestPropertySource(properties = "invoicesync.database.embedded.database=" + FinanceIndexesTest.DATABASE)
class FinanceIndexesTest {

    static final String DATABASE = "finance_indexes";
    private static final String INDEX = "finance_actual_line";

    @Autowired
    FinanceIndexes indexes;
    @Autowired
    JdbcTemplate jdbc;

    private String definition() {
        return jdbc.queryForObject("SELECT pg_get_indexdef(?::regclass)", String.class, INDEX);
    }

    @Test
    void aStatementLeftByAnEarlierReplayGivesWayToTheDefinitionDroppedNow() {
        String now = definition();
        jdbc.update("INSERT INTO finance_deferred_ddl (object_name, kind, create_ddl, deferred_at) "
                + "VALUES (?, 'INDEX', ?, now())", INDEX,
                "CREATE INDEX finance_actual_line ON public.finance_actual USING btree (invoice_line_id, amount)");

        assertThat(indexes.defer()).isPositive();
        assertThat(jdbc.queryForObject("SELECT create_ddl FROM finance_deferred_ddl WHERE object_name = ?",
                String.class, INDEX)).isEqualTo(now);
        indexes.restore();

        assertThat(definition()).isEqualTo(now);
        assertThat(indexes.deferred()).isZero();
    }
}
