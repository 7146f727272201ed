package io.invoicesync.query.reconciliation;

import io.invoicesync.query.finance.FinanceRow;
import io.invoicesync.query.finance.FinanceTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An order-free digest of each Finance table's rows of one invoice: the count and the sum (mod 2^64) of each row's
 * 64-bit hash over its key and every content column ({@link FinanceRow#hash}). Built the same way from the events and
 * from Finance, two equal digests mean the same rows, whatever order they were read in.
 */
final class ContentDigests {

    record Digest(long rows, long sum) {

        Digest plus(long hash) {
            return new Digest(rows + 1, sum + hash);
        }

        @Override
        public String toString() {
            return rows + " rows, digest " + String.format("%016x", sum);
        }
    }

    private final Map<FinanceTable, Digest> digests = new LinkedHashMap<>();

    void add(FinanceRow row) {
        digests.merge(row.table(), new Digest(1, row.hash()), (a, b) -> a.plus(b.sum()));
    }

    Digest of(FinanceTable table) {
        return digests.getOrDefault(table, new Digest(0, 0));
    }
}
