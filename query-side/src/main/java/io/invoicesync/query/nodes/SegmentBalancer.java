package io.invoicesync.query.nodes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares each balanced processor's segments among the live query-side nodes. Axon's tracking processor claims every
 * free segment it has a thread for and never gives one back, so the first node up would do all the work while the
 * others stand by. Each node beats in {@code query_node}; one holding more than its share (segments / live nodes,
 * rounded up) while another live node holds less releases the extra segments for a few claim intervals, long enough
 * for that node to claim them.
 * When a node dies its beat stops: the survivors' share grows, and once the dead node's claims time out they take
 * its segments and keep them. Releasing is safe at any moment: the token of a released segment is committed with
 * its last batch.
 */
@Component
@ConditionalOnProperty(name = "invoicesync.replay.command-line", havingValue = "false", matchIfMissing = true)
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
                           @Value("${invoicesync.nodes.heartbeat:1s}") Duration heartbeat,
                           @Value("${invoicesync.nodes.live-for:5s}") Duration liveFor,
                           @Value("${invoicesync.nodes.balanced-processors:invoice-sync,finance}") List<String> balanced) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.heartbeat = heartbeat;
        this.liveFor = liveFor;
        this.balanced = balanced;
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
        // A clean stop says so at once: the others' share grows before this node's claims are released.
        jdbc.update("DELETE FROM query_node WHERE node_id = ?", nodeId);
    }

    @Override
    public synchronized boolean isRunning() {
        return beats != null;
    }

    /** How many nodes are live now, this one included. */
    public int liveNodes() {
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
            int live = liveNodes();
            for (String group : balanced) {
                processing.eventProcessor(group, TrackingEventProcessor.class)
                        .filter(TrackingEventProcessor::isRunning)
                        .ifPresent(processor -> keepShare(group, processor, live));
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next beat tries again, and the processors retry on their own.
            LOG.warn("Segment balancing skipped this beat: {}", e.getMessage());
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
