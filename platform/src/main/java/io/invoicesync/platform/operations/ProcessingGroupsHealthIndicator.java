package io.invoicesync.platform.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code processingGroups} in /actuator/health: each of this app's tracking processors, its segments here, its
 * position and its lag behind the head of the event store. DOWN when a group is stuck behind an error (it retries
 * with back-off; the cause is in the details) or lags more than {@code invoicesync.health.processor-lag-threshold}
 * events. Segments another node holds are that node's to report.
 */
@EnableConfigurationProperties(HealthProperties.class)
@Component
public class ProcessingGroupsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final long lagThreshold;

    public ProcessingGroupsHealthIndicator(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                           HealthProperties settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.lagThreshold = settings.processorLagThreshold();
    }

    /** One group as this node sees it. */
    public record GroupState(String group, boolean running, boolean error, String cause, int segmentsHere,
                             Long position, long lag) {
    }

    public Map<String, GroupState> groups() {
        Long headOrNull = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long head = headOrNull == null ? -1 : headOrNull;
        Map<String, GroupState> groups = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof TrackingEventProcessor tracking)) {
                // A subscribing group handles each event in the thread that publishes it: it runs while its app
                // runs, and nothing waits for it.
                groups.put(name, new GroupState(name, processor.isRunning(), processor.isError(), null, 0, null, 0L));
                return;
            }
            Map<Integer, EventTrackerStatus> segments = tracking.processingStatus();
            String cause = errorOf(segments);
            Long position = segments.values().stream().map(s -> s.getCurrentPosition())
                    .filter(p -> p.isPresent()).map(p -> p.getAsLong()).min(Long::compare).orElse(null);
            groups.put(name, new GroupState(name, tracking.isRunning(), tracking.isError() || cause != null, cause,
                    segments.size(), position, lag(segments.size(), position, head)));
        });
        return groups;
    }

    /**
     * Events this node's segments of a group have still to handle: none where it holds no segment (another node
     * does), all of them where its segments have no position yet (they start at the beginning of the store).
     */
    static long lag(int segmentsHere, Long position, long head) {
        if (segmentsHere == 0) {
            return 0;
        }
        return position == null ? head + 1 : Math.max(0, head - position);
    }

    /**
     * Whether the group runs on this node without an error, from the processor alone: what a metric scraped every few
     * seconds asks, without the store's head that {@link #groups()} reads for the lag.
     */
    public boolean runsWithoutError(String group) {
        return processing.eventProcessor(group)
                .map(processor -> processor.isRunning() && !processor.isError()
                        && (!(processor instanceof TrackingEventProcessor tracking)
                        || errorOf(tracking.processingStatus()) == null))
                .orElse(false);
    }

    /** The first error a segment is stuck behind, if any. */
    private static String errorOf(Map<Integer, EventTrackerStatus> segments) {
        return segments.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> s.getError() == null ? "error" : String.valueOf(s.getError().getMessage()))
                .findFirst().orElse(null);
    }

    @Override
    public Health health() {
        Map<String, GroupState> groups = groups();
        boolean down = groups.values().stream().anyMatch(g -> g.error()
                || g.lag() > lagThreshold);
        Health.Builder health = down ? Health.down() : Health.up();
        groups.values().forEach(g -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", g.running());
            detail.put("segmentsHere", g.segmentsHere());
            detail.put("position", g.position());
            detail.put("lag", g.lag());
            if (g.error()) {
                detail.put("error", g.cause());
            }
            health.withDetail(g.group(), detail);
        });
        return health.withDetail("lagThreshold", lagThreshold).build();
    }
}
