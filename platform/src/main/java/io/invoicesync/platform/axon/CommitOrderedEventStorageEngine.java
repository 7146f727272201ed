package io.invoicesync.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store, with appends that commit in the order of their global index.
 *
 * <p>Why: the global index comes from a PostgreSQL sequence, taken at insert, but transactions commit in any order. A
 * streaming processor that reads index n+1 while n is still uncommitted records n as a gap and waits for it, but only
 * for a while: once more than {@code gapCleaningThreshold} gaps are open and the events after one are older than
 * {@code gapTimeout} (or once {@code maxGapOffset} events were read past it), the gap is dropped. A transaction that
 * commits later than that (held open by a slow handler, a long GC pause, a lock wait) then writes an event that no
 * processor will ever read: a confirmed invoice that never reaches Finance. {@code CommitOrderedAppendsTest} and
 * {@code LateCommitWithoutGuardTest} show it happen with this guard off.
 *
 * <p>The guard: every append first takes one transaction-scoped PostgreSQL advisory lock, held until its
 * transaction ends. Appenders take their indexes one transaction at a time, so an index becomes visible only after
 * every lower one has committed or rolled back; a gap is then only ever a rolled-back append, which is safe to drop.
 * The cost: appends serialize for the time between the insert and the commit, which Axon keeps short (events are
 * written in the unit of work's prepare-commit phase). A transaction held open after appending holds back every other
 * appender instead of losing its events.
 */
public class CommitOrderedEventStorageEngine extends JdbcEventStorageEngine {

    /** The advisory lock's key: "InvoiceS" as a 64-bit number, not likely to be used by anything else. */
    static final long APPEND_LOCK = 0x496e766f69636553L;

    private final boolean commitOrdered;

    public CommitOrderedEventStorageEngine(Builder builder, boolean commitOrdered) {
        super(builder);
        this.commitOrdered = commitOrdered;
    }

    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        if (commitOrdered) {
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            }
        }
        return super.appendEvents(connection, events, serializer);
    }
}
