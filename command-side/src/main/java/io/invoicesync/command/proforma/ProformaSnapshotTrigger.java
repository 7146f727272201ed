package io.invoicesync.command.proforma;

import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.TransactionsConnected;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * When a proforma is snapshotted: every {@code after} changes of its lines while it holds at most
 * {@link #MAX_SNAPSHOT_LINES} lines, and once when it is confirmed if its stream is by then {@code after} events long
 * or more. A shorter stream (a month-end invoice of ten lines has seven events) is read faster than a snapshot is
 * written: that snapshot cost every small confirm a second transaction, and a read of the whole stream to build it.
 * Billing events do not count: a million-line confirmation appends 2,000 of them, and a snapshot every 50 would write the aggregate's million line holdings 40
 * times over. Nor is a larger draft snapshotted: its snapshot would be one object of the whole invoice's holdings
 * (a million lines took more than a 1 GB heap to serialize); a cold start of such a draft reads its line events
 * instead. The confirmed proforma drops its holdings, so its snapshot is small and a later load never reads the
 * billing events again.
 */
final class ProformaSnapshotTrigger extends AbstractSnapshotTrigger {

    /** Above this, a draft's snapshot would hold a whole large invoice's line holdings (about 12 MB per 100,000). */
    static final int MAX_SNAPSHOT_LINES = 100_000;

    private final int after;
    private transient Object current;
    private transient long sequence = -1;
    private int counter;
    private int lines;

    private ProformaSnapshotTrigger(Snapshotter snapshotter, Class<?> aggregateType, int after) {
        super(snapshotter, aggregateType);
        this.after = after;
    }

    static SnapshotTriggerDefinition definition(Snapshotter snapshotter, int after) {
        return new SnapshotTriggerDefinition() {
            @Override
            public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
                return new ProformaSnapshotTrigger(snapshotter, aggregateType, after);
            }

            @Override
            public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
                if (trigger instanceof AbstractSnapshotTrigger existing) {
                    existing.setSnapshotter(snapshotter);
                    return trigger;
                }
                return prepareTrigger(aggregateType);
            }
        };
    }

    @Override
    public void eventHandled(EventMessage<?> message) {
        current = message.getPayload();
        sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1;
        if (current instanceof InvoiceLinesAdded added) {
            lines += added.lines().size();
        } else if (current instanceof InvoiceLineRemoved) {
            lines--;
        }
        super.eventHandled(message);
    }

    @Override
    protected boolean exceedsThreshold() {
        if (current instanceof ProformaConfirmed) {
            // An unknown position (not a domain event) keeps the snapshot: it only ever bounds a cold start.
            return sequence < 0 || sequence + 1 >= after;
        }
        if (current instanceof BilledActualsCreated || current instanceof TransactionsConnected) {
            return false;
        }
        return ++counter >= after && lines <= MAX_SNAPSHOT_LINES;
    }

    @Override
    protected void reset() {
        counter = 0;
    }
}
