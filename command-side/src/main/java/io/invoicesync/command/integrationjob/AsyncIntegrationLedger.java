package io.invoicesync.command.integrationjob;

import io.invoicesync.command.ProcessingGroups;
import io.invoicesync.kernel.integrationjob.IntegrationJobStarted;
import io.invoicesync.kernel.integrationjob.IntegrationJobStopped;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Written with the run and stop events themselves (subscribing processor), so it is never behind them. */
@Component
@ProcessingGroup(ProcessingGroups.COMMAND_LOOKUPS)
public class AsyncIntegrationLedger implements AsyncIntegration {

    private final JdbcTemplate jdbc;

    public AsyncIntegrationLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IntegrationJobStarted event) {
        // The job run last takes the maps over; a stopped job that handed them on no longer owns them.
        jdbc.update("DELETE FROM async_integration_job WHERE job_id <> ?", event.jobId());
        jdbc.update("""
                INSERT INTO async_integration_job (job_id, run_id, active, started_at) VALUES (?, ?, TRUE, ?)
                ON CONFLICT (job_id) DO UPDATE SET run_id = excluded.run_id, active = TRUE,
                    started_at = excluded.started_at""", event.jobId(), event.runId(), Timestamp.from(event.startedAt()));
    }

    @EventHandler
    void on(IntegrationJobStopped event) {
        jdbc.update("UPDATE async_integration_job SET active = FALSE WHERE job_id = ?", event.jobId());
    }

    @Override
    public Optional<Owner> owner() {
        return jdbc.query("SELECT job_id, active FROM async_integration_job",
                (rs, n) -> new Owner(rs.getObject(1, UUID.class), rs.getBoolean(2))).stream().findFirst();
    }
}
