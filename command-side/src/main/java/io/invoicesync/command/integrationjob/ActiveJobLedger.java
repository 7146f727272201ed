package io.invoicesync.command.integrationjob;

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
@ProcessingGroup("command-lookups")
public class ActiveJobLedger implements ActiveJobs {

    private final JdbcTemplate jdbc;

    public ActiveJobLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IntegrationJobStarted event) {
        jdbc.update("INSERT INTO active_integration_job (job_id, run_id, started_at) VALUES (?, ?, ?)",
                event.jobId(), event.runId(), Timestamp.from(event.startedAt()));
    }

    @EventHandler
    void on(IntegrationJobStopped event) {
        jdbc.update("DELETE FROM active_integration_job WHERE job_id = ?", event.jobId());
    }

    @Override
    public Optional<UUID> activeJob() {
        return jdbc.queryForList("SELECT job_id FROM active_integration_job", UUID.class).stream().findFirst();
    }
}
