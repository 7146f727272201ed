package io.invoicesync.query.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** The yardstick every benchmark compares with: plain JDBC into the product's own Finance schema, same server. */
final class RawBaseline {

    private static final int RAW_COMMIT_ROWS = 1_000;

    private RawBaseline() {
    }

    /**
     * The baseline: the same number of Finance rows (a proposal, its lines, actuals, two connections a line) with
     * plain JDBC batch inserts, 1,000 rows a commit, in a database of their own on the same server, migrated with the
     * query side's Finance schema (V1): every index and foreign key the product writes through. The driver sends
     * each batch as multi-row INSERTs ({@code reWriteBatchedInserts}), as the query side's own pool does: a yardstick
     * without it would be handicapped against the product. Answers the seconds the inserts took.
     */
    static double seconds(int pgPort, String database, int lineCount) throws Exception {
        long rows = 1 + 4L * lineCount;
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort
                + "/postgres?user=postgres"); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort
                + "/" + database + "?user=postgres&reWriteBatchedInserts=true")) {
            try (Statement s = db.createStatement(); var schema = RawBaseline.class
                    .getResourceAsStream("/db/query/V1__finance_read_model.sql")) {
                s.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            }
            db.setAutoCommit(false);
            UUID invoice = UUID.randomUUID();
            List<UUID> lines = IntStream.range(0, lineCount).mapToObj(i -> UUID.randomUUID()).toList();
            List<UUID> actuals = IntStream.range(0, lineCount).mapToObj(i -> UUID.randomUUID()).toList();
            String trace = ", job_id, run_id, batch_number, source_event_id, applied_event_id, applied_at";
            long start = System.nanoTime();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO finance_invoice_proposal (invoice_proposal_id, "
                    + "project_contract_id, customer_id, sales_currency, invoice_date, invoice_header_text, "
                    + "line_count, total_amount, sync_mode" + trace + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setObject(1, invoice);
                ps.setString(2, "PC-RAW");
                ps.setString(3, "CUST-RAW");
                ps.setString(4, "EUR");
                ps.setDate(5, Date.valueOf(LocalDate.of(2026, 11, 24)));
                ps.setString(6, "raw");
                ps.setInt(7, lineCount);
                ps.setBigDecimal(8, new BigDecimal("201.0000").multiply(BigDecimal.valueOf(lineCount)));
                ps.setString(9, "ASYNC");
                trace(ps, 10, 1);
                ps.executeUpdate();
                db.commit();
            }
            insertAll(db, "INSERT INTO finance_invoice_proposal_line (line_id, invoice_proposal_id, transaction_class, "
                    + "project_id, contract_line_id, quantity, unit_price, amount, transaction_date" + trace
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", lineCount, (ps, i) -> {
                ps.setObject(1, lines.get(i));
                ps.setObject(2, invoice);
                ps.setString(3, "TIME");
                ps.setString(4, "P-1");
                ps.setString(5, "CL-1");
                ps.setBigDecimal(6, new BigDecimal("2.00"));
                ps.setBigDecimal(7, new BigDecimal("100.5000"));
                ps.setBigDecimal(8, new BigDecimal("201.0000"));
                ps.setDate(9, Date.valueOf(LocalDate.of(2026, 11, 1)));
                trace(ps, 10, i / RAW_COMMIT_ROWS + 1);
            });
            insertAll(db, "INSERT INTO finance_actual (actual_id, invoice_proposal_id, invoice_line_id, "
                    + "unbilled_transaction_id, transaction_type, transaction_class, transaction_class_code, "
                    + "billing_status, project_id, contract_line_id, quantity, unit_price, amount, currency, "
                    + "document_date" + trace + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", lineCount,
                    (ps, i) -> {
                        ps.setObject(1, actuals.get(i));
                        ps.setObject(2, invoice);
                        ps.setObject(3, lines.get(i));
                        ps.setObject(4, UUID.randomUUID());
                        ps.setString(5, "Billed Sales");
                        ps.setString(6, "TIME");
                        ps.setInt(7, 192350000);
                        ps.setString(8, "Customer Invoice Created");
                        ps.setString(9, "P-1");
                        ps.setString(10, "CL-1");
                        ps.setBigDecimal(11, new BigDecimal("2.00"));
                        ps.setBigDecimal(12, new BigDecimal("100.5000"));
                        ps.setBigDecimal(13, new BigDecimal("201.0000"));
                        ps.setString(14, "EUR");
                        ps.setDate(15, Date.valueOf(LocalDate.of(2026, 11, 1)));
                        trace(ps, 16, i / RAW_COMMIT_ROWS + 1);
                    });
            insertAll(db, "INSERT INTO finance_transaction_connection (connection_id, invoice_proposal_id, "
                    + "billed_actual_id, invoice_line_id, transaction1_id, transaction1_role, transaction1_type, "
                    + "transaction2_id, transaction2_role, transaction2_type, statecode, statuscode" + trace
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", 2 * lineCount, (ps, i) -> {
                int line = i / 2;
                boolean toLine = i % 2 == 0;
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, invoice);
                ps.setObject(3, actuals.get(line));
                ps.setObject(4, toLine ? lines.get(line) : null);
                ps.setString(5, toLine ? actuals.get(line).toString() : UUID.randomUUID().toString());
                ps.setString(6, toLine ? "Billed Sales" : "Unbilled Sales");
                ps.setString(7, "msdyn_actual");
                ps.setString(8, toLine ? lines.get(line).toString() : actuals.get(line).toString());
                ps.setString(9, "Billed Sales");
                ps.setString(10, toLine ? "msdyn_invoicelinetransaction" : "msdyn_actual");
                ps.setShort(11, (short) 0);
                ps.setShort(12, (short) 1);
                trace(ps, 13, i / (2 * RAW_COMMIT_ROWS) + 1);
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = db.createStatement(); ResultSet count = s.executeQuery("SELECT (SELECT count(*) FROM "
                    + "finance_invoice_proposal) + (SELECT count(*) FROM finance_invoice_proposal_line) + (SELECT "
                    + "count(*) FROM finance_actual) + (SELECT count(*) FROM finance_transaction_connection)")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(rows);
            }
            return seconds;
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    private static void insertAll(Connection db, String sql, int count, Binder binder) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                binder.bind(ps, i);
                ps.addBatch();
                if ((i + 1) % RAW_COMMIT_ROWS == 0 || i == count - 1) {
                    ps.executeBatch();
                    db.commit();
                }
            }
        }
    }

    private static final UUID RAW_JOB = UUID.randomUUID();
    private static final UUID RAW_RUN = UUID.randomUUID();

    private static void trace(PreparedStatement ps, int index, int batch) throws SQLException {
        ps.setObject(index, RAW_JOB);
        ps.setObject(index + 1, RAW_RUN);
        ps.setInt(index + 2, batch);
        ps.setString(index + 3, UUID.randomUUID().toString());
        ps.setString(index + 4, UUID.randomUUID().toString());
        ps.setTimestamp(index + 5, Timestamp.from(Instant.now()));
    }
}
