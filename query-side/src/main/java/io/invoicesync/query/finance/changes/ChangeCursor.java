package io.invoicesync.query.finance.changes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in Finance's change log: the writing transaction's id and the change's sequence number, written
 * {@code <tx>-<seq>}. Opaque to consumers: they keep the last one they processed and pass it back as {@code after}.
 */
public record ChangeCursor(long tx, long seq) implements Comparable<ChangeCursor> {

    /** Before the first change. */
    public static final ChangeCursor START = new ChangeCursor(0, 0);

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    public static Optional<ChangeCursor> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of(START);
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChangeCursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return tx + "-" + seq;
    }

    @Override
    public int compareTo(ChangeCursor other) {
        int byTx = Long.compare(tx, other.tx);
        return byTx != 0 ? byTx : Long.compare(seq, other.seq);
    }
}
