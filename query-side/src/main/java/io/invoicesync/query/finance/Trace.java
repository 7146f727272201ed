package io.invoicesync.query.finance;

import io.invoicesync.kernel.sync.TableMapBatchApplied;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** G5: what every Finance row records of where it came from: job, run, batch, source event and applying event. */
public record Trace(TableMapBatchApplied batch, String appliedEventId) {

    /** Sets the six trace columns from {@code index} on, in the order every Finance table declares them. */
    public void bind(PreparedStatement ps, int index) throws SQLException {
        ps.setObject(index, batch.jobId());
        ps.setObject(index + 1, batch.runId());
        ps.setInt(index + 2, batch.batchNumber());
        ps.setString(index + 3, batch.sourceEventId());
        ps.setString(index + 4, appliedEventId);
        ps.setTimestamp(index + 5, Timestamp.from(batch.appliedAt()));
    }

    public static final String COLUMNS = "job_id, run_id, batch_number, source_event_id, applied_event_id, applied_at";
    public static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?";
}
