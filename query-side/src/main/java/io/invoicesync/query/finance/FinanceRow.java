package io.invoicesync.query.finance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One Finance row as its writer makes it from the source events: its table, its key and every other column it
 * receives, by name. The writer binds exactly these values ({@link #bind}); reconciliation builds the same rows from
 * the events and compares them with what Finance holds, column by column, so "what Finance receives" has one home.
 *
 * @param values the content, in the order of the table's content columns (null where a column is empty)
 */
public record FinanceRow(FinanceTable table, UUID key, List<Object> values) {

    public FinanceRow {
        if (table.content().size() != values.size()) {
            throw new IllegalArgumentException(table.name() + ": " + table.content().size() + " columns, "
                    + values.size() + " values");
        }
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Binds the key at 1 and the content from 2; answers the next free index (where the trace columns go). */
    public int bind(PreparedStatement ps) throws SQLException {
        ps.setObject(1, key);
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 2, values.get(i));
        }
        return values.size() + 2;
    }

    /** The content as compared: every value in one canonical text, numbers by value (8 and 8.00 are equal). */
    public List<String> canonical() {
        List<String> text = new ArrayList<>(values.size());
        for (Object value : values) {
            text.add(canonical(value));
        }
        return text;
    }

    /** 64 bits of SHA-256 over the key and the canonical content: summed per map, an order-free digest. */
    public long hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.toString().getBytes(StandardCharsets.UTF_8));
            for (String value : canonical()) {
                sha.update((byte) 0x1f);
                sha.update(value.getBytes(StandardCharsets.UTF_8));
            }
            byte[] digest = sha.digest();
            long hash = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * One value as text, whichever side it comes from: the events (LocalDate, BigDecimal, Integer) or JDBC
     * (java.sql.Date, BigDecimal of the column's scale, Short or Integer). A null is the one text no value has.
     */
    public static String canonical(Object value) {
        if (value == null) {
            return "\u2400";
        }
        if (value instanceof BigDecimal number) {
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate || value instanceof UUID || value instanceof String) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        throw new IllegalArgumentException("No canonical text for a " + value.getClass().getName());
    }
}
