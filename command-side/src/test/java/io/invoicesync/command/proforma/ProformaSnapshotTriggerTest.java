package io.invoicesync.command.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.kernel.proforma.BilledActualsCreated;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.junit.jupiter.api.Test;

/** When a proforma's snapshot is taken, without Axon's stores: a snapshotter that only records what it is asked. */
class ProformaSnapshotTriggerTest {

    private static final int AFTER = 50;
    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a001");

    private final List<String> snapshots = new ArrayList<>();
    private final SnapshotTrigger trigger = ProformaSnapshotTrigger.definition(
            (type, id) -> snapshots.add(id), AFTER).prepareTrigger(ProformaInvoice.class);

    private void handle(long sequence, Object payload) {
        trigger.eventHandled(new GenericDomainEventMessage<>("ProformaInvoice", INVOICE.toString(), sequence,
                payload));
    }

    private static InvoiceLinesAdded oneLine() {
        return new InvoiceLinesAdded(INVOICE, List.of(new InvoiceLine(UUID.randomUUID(), null, "FEE", null, null, "Fee",
                BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, LocalDate.of(2026, 11, 1))));
    }

    private static ProformaConfirmed confirmed() {
        return new ProformaConfirmed(INVOICE, "PC-1", "CUST-1", "EUR", LocalDate.of(2026, 11, 24), null, 1,
                BigDecimal.TEN, 1, 1, 1, Instant.EPOCH);
    }

    @Test
    void aShortStreamIsNotSnapshottedWhenConfirmed() {
        handle(0, oneLine());
        handle(1, new BilledActualsCreated(INVOICE, 1, List.of()));
        handle(6, confirmed());

        assertThat(snapshots).isEmpty();
    }

    @Test
    void aLongStreamIsSnapshottedWhenConfirmedSoThatALoadSkipsItsBillingEvents() {
        handle(AFTER + 10, confirmed());

        assertThat(snapshots).containsExactly(INVOICE.toString());
    }

    @Test
    void everyFiftyLineChangesOfADraftMakeASnapshot() {
        IntStream.range(0, 2 * AFTER).forEach(i -> handle(i, oneLine()));

        assertThat(snapshots).hasSize(2);
    }

    @Test
    void billingEventsNeverCountTowardsASnapshot() {
        IntStream.range(0, 3 * AFTER).forEach(i -> handle(i, new BilledActualsCreated(INVOICE, i + 1, List.of())));

        assertThat(snapshots).isEmpty();
    }
}
