package io.invoicesync.command.parameters;

import io.invoicesync.command.ProcessingGroups;
import io.invoicesync.kernel.parameters.DualWriteCoreSolutionUpdated;
import io.invoicesync.kernel.parameters.ProjectParametersSet;
import io.invoicesync.kernel.parameters.SolutionVersion;
import io.invoicesync.kernel.parameters.TrackingMode;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The parameters as one row, written with the events that set them, read when a job is run. */
@Component
@ProcessingGroup(ProcessingGroups.COMMAND_LOOKUPS)
public class PrerequisitesView {

    private final JdbcTemplate jdbc;

    public PrerequisitesView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectParametersSet event) {
        jdbc.update("""
                INSERT INTO integration_prerequisites (id, project_task_time_tracking, project_actual_values_tracking)
                VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET
                  project_task_time_tracking = excluded.project_task_time_tracking,
                  project_actual_values_tracking = excluded.project_actual_values_tracking""",
                event.projectTaskTimeTracking(), event.projectActualValuesTracking());
    }

    @EventHandler
    void on(DualWriteCoreSolutionUpdated event) {
        jdbc.update("""
                INSERT INTO integration_prerequisites (id, core_solution_version) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET core_solution_version = excluded.core_solution_version""",
                event.version());
    }

    public PrerequisiteState current() {
        List<PrerequisiteState> rows = jdbc.query("""
                SELECT project_task_time_tracking, project_actual_values_tracking, core_solution_version
                FROM integration_prerequisites WHERE id = 1""", (rs, n) -> new PrerequisiteState(
                mode(rs.getString(1)), mode(rs.getString(2)),
                rs.getString(3) == null ? null : new SolutionVersion(rs.getString(3))));
        return rows.isEmpty() ? PrerequisiteState.NOTHING_SET : rows.get(0);
    }

    private static TrackingMode mode(String value) {
        return value == null ? null : TrackingMode.valueOf(value);
    }

    @Bean
    static AsyncInvoicingPrerequisites asyncInvoicingPrerequisites(
            PrerequisitesView view, IntegrationProperties settings) {
        return new AsyncInvoicingPrerequisites(new SolutionVersion(settings.minimumCoreSolutionVersion()),
                view::current);
    }
}
