package io.invoicesync.command.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** The lines a confirmation bills: those still on the invoice, in the order they were last added, in chunks. */
class ProformaLineHistoryTest {

    private static final UUID INVOICE = UUID.fromString("00000000-0000-0000-0000-00000000a001");

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private long sequence;

    private void append(Object payload) {
        store.publish(new GenericDomainEventMessage<>("ProformaInvoice", INVOICE.toString(), sequence++, payload));
    }

    private static InvoiceLine line(int n) {
        return new InvoiceLine(new UUID(0, n), null, "FEE", null, null, "Fee " + n, BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.TEN, LocalDate.of(2026, 11, 24));
    }

    private List<List<Integer>> chunksOf(int size) {
        List<List<Integer>> chunks = new ArrayList<>();
        new ProformaLineHistory(store).forEachChunkOfLines(INVOICE, size, chunk ->
                chunks.add(chunk.stream().map(l -> (int) l.lineId().getLeastSignificantBits()).toList()));
        return chunks;
    }

    @Test
    void billsTheRemainingLinesInTheOrderTheyWereLastAdded() {
        append(new InvoiceLinesAdded(INVOICE, List.of(line(1), line(2), line(3))));
        append(new InvoiceLineRemoved(INVOICE, line(2).lineId(), null, BigDecimal.TEN));
        append(new InvoiceLinesAdded(INVOICE, List.of(line(4), line(5))));
        append(new InvoiceLineRemoved(INVOICE, line(1).lineId(), null, BigDecimal.TEN));
        append(new InvoiceLinesAdded(INVOICE, List.of(line(1))));
        append(new InvoiceLineRemoved(INVOICE, line(5).lineId(), null, BigDecimal.TEN));

        assertThat(chunksOf(2)).containsExactly(List.of(3, 4), List.of(1));
    }

    @Test
    void handsOnFullChunksAndTheRest() {
        List<InvoiceLine> lines = new ArrayList<>();
        for (int n = 1; n <= 2_500; n++) {
            lines.add(line(n));
        }
        append(new InvoiceLinesAdded(INVOICE, lines));

        assertThat(chunksOf(1_000)).extracting(List::size).containsExactly(1_000, 1_000, 500);
    }
}
