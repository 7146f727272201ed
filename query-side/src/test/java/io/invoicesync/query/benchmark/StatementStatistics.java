package io.invoicesync.query.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the database's time went, from {@code pg_stat_statements} (the embedded server loads it when
 * {@code INVOICESYNC_EMBEDDED_DB_STATEMENT_STATISTICS} is true): reset at the start of the measured window, read at
 * its end, each statement's calls and time per invoice. Commits count too: with {@code synchronous_commit} on, a
 * {@code COMMIT} is where a transaction waits for its WAL flush.
 */
final class StatementStatistics {

    private StatementStatistics() {
    }

    static void reset(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The top statements by total time, a Markdown table, per invoice of the window. */
    static String top(Connection db, int invoices, int limit) throws SQLException {
        List<String> rows = new ArrayList<>();
        double allMs = 0;
        long allCalls = 0;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT calls, total_exec_time, query, sum(total_exec_time) OVER (), sum(calls) OVER ()
                FROM pg_stat_statements
                WHERE query NOT LIKE '%pg_stat_statements%'
                ORDER BY total_exec_time DESC""")) {
            while (rs.next()) {
                allMs = rs.getDouble(4);
                allCalls = rs.getLong(5);
                if (rows.size() < limit) {
                    String query = rs.getString(3).replaceAll("\\s+", " ").replace("|", "\\|");
                    rows.add(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | `%s` |", rs.getLong(1) / (double) invoices,
                            rs.getDouble(2) / invoices, rs.getDouble(2) / Math.max(1, rs.getLong(1)),
                            query.length() > 110 ? query.substring(0, 110) + "…" : query));
                }
            }
        }
        return String.format(Locale.ROOT, """
                
                ==== PostgreSQL per invoice (pg_stat_statements): %.1f statements, %.2f ms executing ====
                | calls per invoice | ms per invoice | ms per call | statement |
                | --- | --- | --- | --- |
                %s
                """, allCalls / (double) invoices, allMs / invoices, String.join("\n", rows));
    }
}
