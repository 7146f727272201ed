package io.invoicesync.query.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A fingerprint of the Finance read model: per table, the md5 of the sorted md5s of every row (all columns, as
 * JSON), so row order on disk does not matter and any changed value, missing or extra row does.
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
            TableSum sum = jdbc.queryForObject("SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), md5('')) "
                    + "FROM (SELECT md5(row_to_json(t)::text) AS h FROM " + table + " t) rows",
                    (rs, n) -> new TableSum(rs.getLong(1), rs.getString(2)));
            tables.put(table, sum);
            all.append(sum.md5());
        }
        String md5 = jdbc.queryForObject("SELECT md5(?)", String.class, all.toString());
        return new Checksum(tables, md5);
    }
}
