package io.invoicesync.query.finance;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * G11: the insert every Finance writer uses. A bare {@code ON CONFLICT DO NOTHING} would also swallow a different
 * row with the same key (two invoices sharing a line id: one of them silently short). Here a conflict changes nothing
 * only when the row already there has the same invoice and the same content; any other conflict calls
 * {@code finance_key_taken} (migration V9), which fails the write with SQLSTATE IS409 ({@link FinanceKeyTaken}).
 * Trace columns are left out of the comparison: a repeat comes from another delivery, at another moment.
 */
public final class ProvenRepeat {

    private ProvenRepeat() {
    }

    /**
     * {@code INSERT INTO table (key, content..., extra..., trace...) VALUES (?, ...)} that proves a conflict is a
     * repeat: the key, then the content ({@link FinanceRow#bind}), then the {@code extra} columns a repeat must also
     * match, then the trace ({@link Trace#bind}).
     */
    public static String insert(FinanceTable finance, String... extra) {
        String table = finance.name();
        String key = finance.key();
        List<String> content = Stream.concat(finance.content().stream(), Stream.of(extra)).toList();
        String invoice = "invoice_proposal_id";
        if (!key.equals(invoice) && !content.contains(invoice)) {
            throw new IllegalArgumentException(table + ": the content must name the invoice, " + invoice);
        }
        String columns = key + ", " + String.join(", ", content) + ", " + Trace.COLUMNS;
        String placeholders = "?, " + content.stream().map(c -> "?").collect(Collectors.joining(", ")) + ", "
                + Trace.PLACEHOLDERS;
        return """
                INSERT INTO %1$s AS existing (%2$s) VALUES (%3$s)
                ON CONFLICT (%4$s) DO UPDATE SET %4$s = finance_key_taken('%1$s', existing.%4$s, existing.%5$s,
                    excluded.%5$s)
                WHERE (%6$s) IS DISTINCT FROM (%7$s)""".formatted(table, columns, placeholders, key, invoice,
                qualified("existing", content), qualified("excluded", content));
    }

    private static String qualified(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }
}
