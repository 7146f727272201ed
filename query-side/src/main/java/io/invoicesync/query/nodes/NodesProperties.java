package io.invoicesync.query.nodes;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How query-side nodes share the processors' segments ({@code invoicesync.nodes.*}, {@link SegmentBalancer}).
 *
 * @param heartbeat          how often a node beats and rebalances (default 1s)
 * @param liveFor            how long a silent node still counts (default 5s). Keep it below the token claim timeout
 *                           (10 s), so that a survivor that took over a dead node's segments is not told to give them
 *                           back
 * @param balancedProcessors the groups whose segments are shared out (default invoice-sync, finance); the
 *                           coordinator keeps one segment, which whichever node claims it runs
 */
@ConfigurationProperties("invoicesync.nodes")
public record NodesProperties(Duration heartbeat, Duration liveFor, List<String> balancedProcessors) {

    public NodesProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(1) : heartbeat;
        liveFor = liveFor == null ? Duration.ofSeconds(5) : liveFor;
        balancedProcessors = balancedProcessors == null ? List.of("invoice-sync", "finance")
                : List.copyOf(balancedProcessors);
    }
}
