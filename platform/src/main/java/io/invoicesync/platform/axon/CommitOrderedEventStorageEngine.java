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
 * <p>Why: the global index comes from a PostgreSQL sequence, but transactions commit in any order. A streaming
 * processor that reads index n+1 while n is still uncommitted records n as a gap and waits for it, but only for a
 * while: once more than {@code gapCleaningThreshold} gaps are open and the events after one are older than
 * {@code gapTimeout} (or once {@code maxGapOffset} events were read past it), the gap is dropped. A transaction that
 * commits later than that (held open by a slow handler, a long GC pause, a lock wait) then writes an event that no
 * processor will ever read: a confirmed invoice that never reaches Finance. {@code CommitOrderedAppendsTest} and
 * {@code LateCommitWithoutGuardTest} show it happen with this guard off.
 *
 * <p>The guard lives in the database (migration {@code db/axon/V2}), so that every appender follows it: an event is
 * inserted under a provisional negative index, and at commit a deferred trigger takes one transaction-scoped advisory
 * lock and gives the transaction's events their real indexes, in insertion order. An index thus becomes visible only
 * after every lower one has committed or rolled back; a gap is only ever a rolled-back append, safe to drop. The lock
 * is held for the renumbering and the commit alone. It used to be taken at the insert, and then everything the
 * transaction did after appending (a processor's token and saga writes, a command's ledgers) held back every other
 * appender: at month end appenders waited 31 ms for it on average, most of the database's time per invoice.
 *
 * <p>With the guard off ({@code invoicesync.event-store.commit-ordered-appends=false}, only to prove it is needed)
 * the session asks for plain appends: the index is taken at the insert, as Axon does by default, and nothing locks.
 */
public class CommitOrderedEventStorageEngine extends JdbcEventStorageEngine {

    private final boolean commitOrdered;

    public CommitOrderedEventStorageEngine(Builder builder, boolean commitOrdered) {
        super(builder);
        this.commitOrdered = commitOrdered;
    }

    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        if (!commitOrdered) {
            try (Statement plain = connection.createStatement()) {
                plain.execute("SET LOCAL invoicesync.plain_appends = 'on'");
            }
        }
        return super.appendEvents(connection, events, serializer);
    }
}
