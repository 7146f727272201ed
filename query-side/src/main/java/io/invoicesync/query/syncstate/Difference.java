package io.invoicesync.query.syncstate;

/**
 * One figure on which Finance and the source disagree: in which table map, what was compared, what the confirmed
 * proforma says and what Finance holds.
 */
public record Difference(String tableMap, String check, String source, String finance) {

    @Override
    public String toString() {
        return tableMap + " " + check + ": source " + source + ", Finance " + finance;
    }
}
