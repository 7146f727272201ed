package io.invoicesync.query.reconciliation;

import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import io.invoicesync.query.syncstate.Difference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Finance against the events, row by row: per table, the two {@link ContentDigests} first (cheap, one pass each);
 * only for a table whose digests differ, the rows that differ, named by key with the columns that differ, the first
 * {@value #ROWS_NAMED} over all tables. Memory stays bounded: a key and a hash per expected row of a differing table,
 * and the named rows themselves.
 */
final class ContentComparison {

    static final int ROWS_NAMED = 100;
    static final String ABSENT = "absent";
    static final String PRESENT = "present";

    /** Reads the rows again, for the tables asked: the events' rows, or Finance's. */
    interface Rows {
        void of(Set<FinanceTable> tables, Consumer<FinanceRow> rows);
    }

    private record RowId(FinanceTable table, UUID key) {
    }

    private ContentComparison() {
    }

    static List<Difference> compare(List<FinanceTable> tables, ContentDigests sourceDigests,
                                    ContentDigests financeDigests, Rows source, Rows finance) {
        List<Difference> differences = new ArrayList<>();
        Map<FinanceTable, Map<UUID, Long>> expected = new LinkedHashMap<>();
        for (FinanceTable table : tables) {
            if (!sourceDigests.of(table).equals(financeDigests.of(table))) {
                differences.add(new Difference(table.map().tableName(), table.name() + " content",
                        sourceDigests.of(table).toString(), financeDigests.of(table).toString()));
                expected.put(table, new HashMap<>());
            }
        }
        if (expected.isEmpty()) {
            return differences;
        }
        source.of(expected.keySet(), row -> expected.get(row.table()).put(row.key(), row.hash()));

        Map<RowId, FinanceRow[]> named = new LinkedHashMap<>();
        Map<FinanceTable, Integer> differing = new LinkedHashMap<>();
        for (Map.Entry<FinanceTable, Map<UUID, Long>> entry : expected.entrySet()) {
            FinanceTable table = entry.getKey();
            Map<UUID, Long> hashes = entry.getValue();
            finance.of(Set.of(table), row -> {
                Long hash = hashes.remove(row.key());
                if (hash == null || hash != row.hash()) {
                    differing.merge(table, 1, Integer::sum);
                    if (named.size() < ROWS_NAMED) {
                        named.put(new RowId(table, row.key()), new FinanceRow[]{null, row});
                    }
                }
            });
            for (UUID missing : hashes.keySet()) {
                differing.merge(table, 1, Integer::sum);
                if (named.size() < ROWS_NAMED) {
                    named.put(new RowId(table, missing), new FinanceRow[]{null, null});
                }
            }
        }
        source.of(expected.keySet(), row -> {
            FinanceRow[] pair = named.get(new RowId(row.table(), row.key()));
            if (pair != null) {
                pair[0] = row;
            }
        });
        for (Map.Entry<RowId, FinanceRow[]> entry : named.entrySet()) {
            differences.add(describe(entry.getKey().table(), entry.getKey().key(), entry.getValue()[0],
                    entry.getValue()[1]));
        }
        for (Map.Entry<FinanceTable, Integer> entry : differing.entrySet()) {
            long namedOfTable = named.keySet().stream().filter(id -> id.table().equals(entry.getKey())).count();
            if (entry.getValue() > namedOfTable) {
                differences.add(new Difference(entry.getKey().map().tableName(), entry.getKey().name()
                        + " rows that differ, " + namedOfTable + " of them named", "0",
                        Integer.toString(entry.getValue())));
            }
        }
        return differences;
    }

    /** One differing row: both sides' values of the columns that differ, or which side lacks the row. */
    static Difference describe(FinanceTable table, UUID key, FinanceRow source, FinanceRow finance) {
        String check = table.name() + " row " + key;
        if (source == null || finance == null) {
            return new Difference(table.map().tableName(), check, source == null ? ABSENT : PRESENT,
                    finance == null ? ABSENT : PRESENT);
        }
        List<String> expected = source.canonical();
        List<String> held = finance.canonical();
        List<String> sourceSide = new ArrayList<>();
        List<String> financeSide = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(held.get(i))) {
                sourceSide.add(table.content().get(i) + "=" + printable(expected.get(i)));
                financeSide.add(table.content().get(i) + "=" + printable(held.get(i)));
            }
        }
        return new Difference(table.map().tableName(), check, String.join(", ", sourceSide),
                String.join(", ", financeSide));
    }

    /** Differences are stored one a line, tab-separated: a value keeps neither. */
    private static String printable(String value) {
        return value.replaceAll("[\\t\\r\\n]", " ");
    }
}
