package io.invoicesync.query.processing;

import io.invoicesync.query.RunsOnlyInTheApp;
import io.invoicesync.query.nodes.NodesProperties;
import io.invoicesync.query.nodes.QueryNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares each balanced processor's segments among the live query-side nodes. Axon's tracking processor claims every
 * free segment it has a thread for and never gives one back, so the first node up would do all the work while the
 * others stand by. Each node beats in {@code query_node}; one holding more than its share (segments / live nodes,
 * rounded up) while another live node holds less releases the extra segments for a few claim intervals, long enough
 * for that node to claim them.
 *
 * <p>When a node dies its beat stops. Once it has been silent for {@code live-for} (5 s), the others release its
 * claims instead of waiting for them to time out (10 s), and claim its segments at their next claim interval. That is
 * safe even if the silent node is only paused, not dead: a node stores its token with its batch's effects in one
 * transaction, and Axon refuses to store a token whose claim another node took, so the paused node's batch rolls back
 * and nothing is applied twice. Releasing a segment to share the work is safe for the same reason.
 */
@Component
@RunsOnlyInTheApp
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration heartbeat;
    private final Duration liveFor;
    private final List<String> balanced;
    private final String nodeId = QueryNode.ID;
    private ScheduledExecutorService beats;

    public SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                           NodesProperties settings) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.heartbeat = settings.heartbeat();
        this.liveFor = settings.liveFor();
        this.balanced = settings.balancedProcessors();
    }

    /** After the processors have started (Axon starts them in an earlier phase). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    @Override
    public synchronized void start() {
        beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        beats.scheduleWithFixedDelay(this::beatAndBalance, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        beats.shutdownNow();
        beats = null;
        try {
            // A clean stop says so at once: the others' share grows before this node's claims are released.
            jdbc.update("DELETE FROM query_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            LOG.warn("Could not sign this node off (the others count it out in {}): {}", liveFor, e.getMessage());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return beats != null;
    }

    /** How many nodes are live now, this one included. */
    private int liveNodes() {
        Integer live = jdbc.queryForObject("SELECT count(*) FROM query_node WHERE seen_at > now() - ? * interval '1 ms'",
                Integer.class, liveFor.toMillis());
        return Math.max(1, live == null ? 0 : live);
    }

    private void beatAndBalance() {
        try {
            jdbc.update("""
                    INSERT INTO query_node (node_id, started_at, seen_at) VALUES (?, now(), now())
                    ON CONFLICT (node_id) DO UPDATE SET seen_at = now()""", nodeId);
            jdbc.update("DELETE FROM query_node WHERE seen_at < now() - interval '1 hour'");
            releaseClaimsOfSilentNodes();
            int live = liveNodes();
            for (String group : balanced) {
                processing.eventProcessor(group, TrackingEventProcessor.class)
                        .filter(TrackingEventProcessor::isRunning)
                        .ifPresent(processor -> {
                            if (heldByAReplay(group)) {
                                yieldToTheReplay(group, processor);
                            } else {
                                keepShare(group, processor, live);
                            }
                        });
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next beat tries again, and the processors retry on their own.
            LOG.warn("Segment balancing skipped this beat: {}", e.getMessage());
        }
    }

    /**
     * Only nodes known to have beaten: the replay tool, which never beats, keeps its claims. A claim whose row a
     * frozen node still locks in an open transaction is skipped, not waited for (the beat must go on); PostgreSQL ends
     * that transaction after the idle-in-transaction timeout, and a later beat releases the claim.
     */
    private void releaseClaimsOfSilentNodes() {
        List<String> silent = jdbc.queryForList("""
                UPDATE token_entry t SET owner = NULL FROM (
                    SELECT processor_name, segment FROM token_entry WHERE owner IN (SELECT node_id FROM query_node
                        WHERE node_id <> ? AND seen_at <= now() - ? * interval '1 ms')
                    FOR UPDATE SKIP LOCKED) silent
                WHERE t.processor_name = silent.processor_name AND t.segment = silent.segment
                RETURNING t.processor_name || '/' || t.segment""",
                String.class, nodeId, liveFor.toMillis());
        if (!silent.isEmpty()) {
            LOG.info("Released the claims of nodes silent for {}: {}", liveFor, silent);
        }
    }

    /** A replay elsewhere (replay finance --take-over) holds the group, and is alive. */
    private boolean heldByAReplay(String group) {
        Integer holds = jdbc.queryForObject("""
                SELECT count(*) FROM replay_hold WHERE processing_group = ? AND holder <> ?
                  AND seen_at > now() - ? * interval '1 ms'""", Integer.class, group, nodeId, liveFor.toMillis());
        return holds != null && holds > 0;
    }

    /**
     * Keeps off every segment of the group for a few beats, renewed at each beat while the hold stands: the replay
     * resets and rebuilds the group alone. When the hold goes, the segments are claimed again within a few seconds.
     */
    private void yieldToTheReplay(String group, TrackingEventProcessor processor) {
        List<Integer> segments = jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = ?",
                Integer.class, group);
        if (!processor.processingStatus().isEmpty()) {
            LOG.info("A replay holds {}: this node keeps off its segments {} until it is done", group, segments);
        }
        for (int segment : segments) {
            processor.releaseSegment(segment, 3 * heartbeat.toMillis() + 3_000, TimeUnit.MILLISECONDS);
        }
    }

    private boolean anotherNodeHoldsLessThan(int share, String group) {
        Integer underloaded = jdbc.queryForObject("""
                SELECT count(*) FROM query_node n WHERE n.node_id <> ? AND n.seen_at > now() - ? * interval '1 ms'
                  AND (SELECT count(*) FROM token_entry t WHERE t.processor_name = ? AND t.owner = n.node_id) < ?""",
                Integer.class, nodeId, liveFor.toMillis(), group, share);
        return underloaded != null && underloaded > 0;
    }

    private void keepShare(String group, TrackingEventProcessor processor, int live) {
        Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                Integer.class, group);
        int share = (int) Math.ceil((double) (segments == null ? 0 : segments) / live);
        List<Integer> mine = processor.processingStatus().keySet().stream().sorted().toList();
        if (mine.size() <= share || !anotherNodeHoldsLessThan(share, group)) {
            // Nobody to give to: a node just killed still counts as live, but it holds its claims, not less.
            return;
        }
        for (int segment : mine.subList(Math.min(share, mine.size()), mine.size())) {
            LOG.info("{} of {} live nodes: releasing segment {} of {} to another node", nodeId, live, segment, group);
            processor.releaseSegment(segment, 3 * heartbeat.toMillis() + 3_000, TimeUnit.MILLISECONDS);
        }
    }
}
