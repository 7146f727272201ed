package io.invoicesync.query.finance.changes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long Finance's change log keeps its changes ({@code invoicesync.finance.changes.*}).
 *
 * @param retention  how long a change is kept once written (e.g. P35D); blank: the log is kept whole, so that any
 *                   consumer can start from the first change. A change the Kafka relay has not published yet is
 *                   kept whatever its age
 * @param pruneEvery how often a query-side node prunes what is older than the retention (default PT10M)
 */
@ConfigurationProperties("invoicesync.finance.changes")
public record ChangeLogProperties(Duration retention, Duration pruneEvery) {

    public ChangeLogProperties {
        pruneEvery = pruneEvery == null ? Duration.ofMinutes(10) : pruneEvery;
        if (retention != null && retention.isNegative() || pruneEvery.isNegative() || pruneEvery.isZero()) {
            throw new IllegalArgumentException("invoicesync.finance.changes: retention not negative, prune-every "
                    + "above zero");
        }
    }
}
