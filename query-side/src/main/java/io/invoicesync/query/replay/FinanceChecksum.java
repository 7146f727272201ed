package io.invoicesync.query.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A fingerprint of the Finance read model: per table, the row count and the md5 of the exact sum of every row's
 * 64-bit hash of all its columns ({@code hash_record_extended}, PostgreSQL 14 and later), so row order on disk does not
 * matter and any changed value, missing or extra row does (but for a 2^-64 chance). A sum needs no sort of the rows'
 * hashes, and PostgreSQL can spread it over parallel workers. The row's own hash is 6 times cheaper than the md5 of
 * the row as JSON it replaced (0.18 s instead of 1.08 s for 200,000 connections here), which a replay with
 * {@code --verify} pays twice.
 */
@Component
public class FinanceChecksum {

    public static final List<String> TABLES = List.of("finance_invoice_proposal", "finance_invoice_proposal_line",
            "finance_actual", "finance_transaction_connection");

    private final JdbcTemplate jdbc;

    public FinanceChecksum(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record TableSum(long rows, String md5) {
    }

    public record Checksum(Map<String, TableSum> tables, String md5) {

        public long rows() {
            return tables.values().stream().mapToLong(TableSum::rows).sum();
        }
    }

    public Checksum compute() {
        Map<String, TableSum> tables = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        for (String table : TABLES) {
            TableSum sum = jdbc.queryForObject("SELECT count(*), md5(coalesce(sum(hash_record_extended(t, 0)::numeric), 0)"
                    + "::text) FROM " + table + " t",
                    (rs, n) -> new TableSum(rs.getLong(1), rs.getString(2)));
            tables.put(table, sum);
            all.append(sum.md5());
        }
        String md5 = jdbc.queryForObject("SELECT md5(?)", String.class, all.toString());
        return new Checksum(tables, md5);
    }
}
