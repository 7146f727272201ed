package io.invoicesync.query.finance.changes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner of Finance's change log ({@code finance_change}, written by the Finance tables' triggers, migration V15),
 * of where its readers inside InvoiceSync stand ({@code finance_change_reader}) and of how far it has been pruned
 * ({@code finance_change_horizon}, V16): the changes after a cursor, in the order they became visible, never past one
 * that is not visible yet; and the pruning of old changes every reader has passed.
 */
@Component
public class FinanceChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The changes after a cursor: parameters the cursor's tx (as text) and seq, and the limit. The order names the
     * table's columns, not the output's {@code tx} (its bigint), so that a page walks the primary key: ordered by the
     * output column, each page sorted the whole rest of the log (1.4 s a page at 400,000 changes; 8 ms by the key).
     * Each row is read from its Finance table by the key the change names (changes written before migration V19 hold
     * a copy), without the trace columns, which the change carries itself.
     */
    static final String AFTER = """
            SELECT c.tx::text::bigint AS tx, c.seq, c.table_map, c.row_kind, c.change, c.invoice_id, c.row_id,
                   c.job_id, c.run_id, c.batch_number, c.source_event_id,
                   (coalesce(c.row_data, CASE c.row_kind
                        WHEN 'PROPOSAL' THEN (SELECT to_jsonb(r) FROM finance_invoice_proposal r
                                              WHERE r.invoice_proposal_id = c.row_id)
                        WHEN 'LINE' THEN (SELECT to_jsonb(r) FROM finance_invoice_proposal_line r
                                          WHERE r.line_id = c.row_id)
                        WHEN 'ACTUAL' THEN (SELECT to_jsonb(r) FROM finance_actual r WHERE r.actual_id = c.row_id)
                        ELSE (SELECT to_jsonb(r) FROM finance_transaction_connection r
                              WHERE r.connection_id = c.row_id) END)
                    - 'job_id' - 'run_id' - 'batch_number' - 'source_event_id' - 'applied_event_id'
                    - 'applied_at')::text AS row_data
            FROM finance_change c
            WHERE (c.tx, c.seq) > (?::text::xid8, ?) AND c.tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY c.tx, c.seq LIMIT ?""";

    /** One node prunes at a time (a transaction-level advisory lock). */
    static final long PRUNE_LOCK = 5291296833088480597L;

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
        List<FinanceChange> changes = jdbc.query(AFTER, (rs, n) -> {
            String row = rs.getString("row_data");
            return new FinanceChange(new ChangeCursor(rs.getLong("tx"), rs.getLong("seq")).toString(),
                    rs.getString("table_map"), RowKind.valueOf(rs.getString("row_kind")),
                    Change.valueOf(rs.getString("change")), rs.getObject("invoice_id", UUID.class),
                    rs.getObject("row_id", UUID.class), rs.getObject("job_id", UUID.class),
                    rs.getObject("run_id", UUID.class), (Integer) rs.getObject("batch_number"),
                    rs.getString("source_event_id"), row == null ? null : JSON.readTree(row));
        }, Long.toString(after.tx()), after.seq(), limit);
        // A row its change names but Finance does not hold now (a replay emptied Finance and has not written it yet):
        // the page ends before it, as before a change not yet visible, and a later read finds it.
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).row() == null) {
                return changes.subList(0, i);
            }
        }
        return changes;
    }

    /** Changes written but not yet read past {@code after} (visible or not): a reader's lag. */
    public long countAfter(ChangeCursor after) {
        return jdbc.queryForObject("SELECT count(*) FROM finance_change WHERE (tx, seq) > (?::text::xid8, ?)",
                Long.class, Long.toString(after.tx()), after.seq());
    }

    /** Where a reader inside InvoiceSync (the Kafka relay) stands: the last change it has done with. */
    public Optional<ChangeCursor> readerPosition(String reader) {
        return jdbc.query("SELECT tx::text::bigint AS tx, seq FROM finance_change_reader WHERE reader = ?",
                (rs, n) -> new ChangeCursor(rs.getLong("tx"), rs.getLong("seq")), reader).stream().findFirst();
    }

    /** Records that a reader inside InvoiceSync has done with every change up to {@code position}. */
    public void recordRead(String reader, ChangeCursor position) {
        jdbc.update("""
                INSERT INTO finance_change_reader (reader, tx, seq, updated_at) VALUES (?, ?::text::xid8, ?, now())
                ON CONFLICT (reader) DO UPDATE SET tx = excluded.tx, seq = excluded.seq,
                    updated_at = excluded.updated_at""", reader, Long.toString(position.tx()), position.seq());
    }

    /** How far the log has been pruned: every change up to this cursor is gone (empty: nothing was pruned). */
    public Optional<ChangeCursor> horizon() {
        return jdbc.query("SELECT tx::text::bigint AS tx, seq FROM finance_change_horizon",
                (rs, n) -> new ChangeCursor(rs.getLong("tx"), rs.getLong("seq"))).stream().findFirst();
    }

    /**
     * Prunes the oldest changes, at most {@code size}, each written before {@code writtenBefore}, stopping at the
     * first one that is newer (so that the log stays whole after the horizon), at any change a reader inside
     * InvoiceSync has not done with (the Kafka relay's rows wait, whatever their age), and at any change not yet
     * final. Returns how many went; 0 where another node is pruning. Call it in a transaction.
     */
    public int pruneOldest(Instant writtenBefore, int size) {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                PRUNE_LOCK))) {
            return 0;
        }
        Optional<ChangeCursor> readers = jdbc.query("""
                SELECT tx::text::bigint AS tx, seq FROM finance_change_reader
                ORDER BY finance_change_reader.tx, finance_change_reader.seq LIMIT 1""",
                (rs, n) -> new ChangeCursor(rs.getLong("tx"), rs.getLong("seq"))).stream().findFirst();
        ChangeCursor bound = readers.orElse(new ChangeCursor(Long.MAX_VALUE, Long.MAX_VALUE));
        List<ChangeCursor> oldest = jdbc.query("""
                SELECT tx::text::bigint AS tx, seq, written_at < ? AS old FROM finance_change
                WHERE (tx, seq) <= (?::text::xid8, ?) AND tx < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY finance_change.tx, finance_change.seq LIMIT ?""",
                (rs, n) -> rs.getBoolean("old") ? new ChangeCursor(rs.getLong("tx"), rs.getLong("seq")) : null,
                writtenBefore.atOffset(ZoneOffset.UTC), Long.toString(bound.tx()), bound.seq(), size);
        int old = oldest.indexOf(null) < 0 ? oldest.size() : oldest.indexOf(null);
        if (old == 0) {
            return 0;
        }
        ChangeCursor last = oldest.get(old - 1);
        int pruned = jdbc.update("DELETE FROM finance_change WHERE (tx, seq) <= (?::text::xid8, ?)",
                Long.toString(last.tx()), last.seq());
        jdbc.update("""
                INSERT INTO finance_change_horizon (tx, seq, pruned_at) VALUES (?::text::xid8, ?, now())
                ON CONFLICT (only_row) DO UPDATE SET tx = excluded.tx, seq = excluded.seq,
                    pruned_at = excluded.pruned_at""", Long.toString(last.tx()), last.seq());
        return pruned;
    }
}
