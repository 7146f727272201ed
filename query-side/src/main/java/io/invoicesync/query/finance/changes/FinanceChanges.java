package io.invoicesync.query.finance.changes;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only reader of Finance's change log ({@code finance_change}, written by the Finance tables' triggers, migration
 * V15): the changes after a cursor, in the order they became visible, never past one that is not visible yet.
 */
@Component
public class FinanceChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The changes after a cursor: parameters the cursor's tx (as text) and seq, and the limit. The order names the
     * table's columns, not the output's {@code tx} (its bigint), so that a page walks the primary key: ordered by the
     * output column, each page sorted the whole rest of the log (1.4 s a page at 400,000 changes; 8 ms by the key).
     */
    static final String AFTER = """
            SELECT tx::text::bigint AS tx, seq, table_map, row_kind, change, invoice_id, row_id, job_id, run_id,
                   batch_number, source_event_id, row_data::text AS row_data
            FROM finance_change
            WHERE (tx, seq) > (?::text::xid8, ?) AND tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY finance_change.tx, finance_change.seq LIMIT ?""";

    private final JdbcTemplate jdbc;

    public FinanceChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a row change is: written by the sync, or written again by an operator's resync of its invoice. */
    public enum Change { WRITTEN, RESYNCED }

    /** Which Finance row: the proposal's header, a line, an actual or a transaction connection. */
    public enum RowKind { PROPOSAL, LINE, ACTUAL, CONNECTION }

    /**
     * One Finance row as it was written, with where it came from (job, run, batch, source event) and its cursor.
     * {@code row} holds the Finance table's columns by name.
     */
    public record FinanceChange(String cursor, String tableMap, RowKind kind, Change change, UUID invoiceId,
                                UUID rowId, UUID jobId, UUID runId, Integer batchNumber, String sourceEventId,
                                JsonNode row) {
    }

    /**
     * At most {@code limit} changes after {@code after}, oldest first. Only changes of transactions older than every
     * transaction still running are read: those are final, and anything a later read meets comes after them.
     */
    public List<FinanceChange> after(ChangeCursor after, int limit) {
        return jdbc.query(AFTER, (rs, n) -> new FinanceChange(
                        new ChangeCursor(rs.getLong("tx"), rs.getLong("seq")).toString(), rs.getString("table_map"),
                        RowKind.valueOf(rs.getString("row_kind")), Change.valueOf(rs.getString("change")),
                        rs.getObject("invoice_id", UUID.class), rs.getObject("row_id", UUID.class),
                        rs.getObject("job_id", UUID.class), rs.getObject("run_id", UUID.class),
                        (Integer) rs.getObject("batch_number"), rs.getString("source_event_id"),
                        JSON.readTree(rs.getString("row_data"))),
                Long.toString(after.tx()), after.seq(), limit);
    }

    /** Changes written but not yet read past {@code after} (visible or not): a reader's lag. */
    public long countAfter(ChangeCursor after) {
        return jdbc.queryForObject("SELECT count(*) FROM finance_change WHERE (tx, seq) > (?::text::xid8, ?)",
                Long.class, Long.toString(after.tx()), after.seq());
    }
}
