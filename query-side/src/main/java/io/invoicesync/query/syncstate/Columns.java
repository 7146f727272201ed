package io.invoicesync.query.syncstate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How the progress readers read a column: by name, nulls kept. */
final class Columns {

    private Columns() {
    }

    static List<String> maps(String tableMaps) {
        return tableMaps == null || tableMaps.isBlank() ? List.of() : List.of(tableMaps.split(","));
    }

    static ReconciliationStatus reconciliation(String status) {
        return status == null ? null : ReconciliationStatus.valueOf(status);
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
