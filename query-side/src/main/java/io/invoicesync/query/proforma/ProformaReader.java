package io.invoicesync.query.proforma;

import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.ProformaConfirmationStarted;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import io.invoicesync.kernel.proforma.ProformaCreated;
import io.invoicesync.platform.web.NotFound;
import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * A proforma as the project side built it, read from its own events in the store: no second copy of every line is
 * kept on the query side. The events are streamed one at a time (a draft of 100,000 lines is 20 events of 5,000), and
 * a page of lines holds only that page, so any size is read in bounded memory. The confirmation's chunk events
 * (actuals and connections) are never read here.
 */
@Component
class ProformaReader {

    private static final List<Class<?>> TYPES = List.of(ProformaCreated.class, InvoiceLinesAdded.class,
            InvoiceLineRemoved.class, ProformaConfirmationStarted.class, ProformaConfirmed.class);

    private final ProformaEvents events;

    ProformaReader(ProformaEvents events) {
        this.events = events;
    }

    record Header(UUID invoiceId, String status, String projectContractId, String customerId, String currency,
                  java.time.LocalDate invoiceDate, String invoiceHeaderText, Instant createdAt, long lineCount,
                  BigDecimal totalAmount, BigDecimal totalQuantity, Instant confirmedAt) {
    }

    /** The header and totals: from the confirmation when confirmed, else summed over the lines still on it. */
    Header header(UUID invoiceId) {
        Set<UUID> removed = removedLines(invoiceId);
        Totals totals = new Totals();
        stream(invoiceId, event -> {
            if (event instanceof ProformaCreated created) {
                totals.created = created;
            } else if (event instanceof InvoiceLinesAdded added) {
                added.lines().stream().filter(line -> !removed.contains(line.lineId())).forEach(totals::add);
            } else if (event instanceof ProformaConfirmationStarted) {
                totals.confirming = true;
            } else if (event instanceof ProformaConfirmed confirmed) {
                totals.confirmed = confirmed;
            }
        });
        ProformaCreated created = totals.created;
        if (created == null) {
            throw new NotFound("No proforma " + invoiceId);
        }
        ProformaConfirmed confirmed = totals.confirmed;
        String status = confirmed != null ? "CONFIRMED" : totals.confirming ? "CONFIRMING" : "DRAFT";
        return new Header(invoiceId, status, created.projectContractId(), created.customerId(), created.currency(),
                created.invoiceDate(), created.invoiceHeaderText(), created.createdAt(),
                confirmed != null ? confirmed.lineCount() : totals.lines,
                confirmed != null ? confirmed.totalAmount() : totals.amount, totals.quantity,
                confirmed == null ? null : confirmed.confirmedAt());
    }

    /** A page of the lines still on the proforma, in the order they were added. */
    Page<InvoiceLine> lines(UUID invoiceId, Paging paging) {
        Set<UUID> removed = removedLines(invoiceId);
        List<InvoiceLine> page = new ArrayList<>(paging.size());
        long[] seen = {0};
        boolean[] exists = {false};
        long from = paging.offset();
        long to = from + paging.size();
        stream(invoiceId, event -> {
            if (event instanceof ProformaCreated) {
                exists[0] = true;
            } else if (event instanceof InvoiceLinesAdded added) {
                for (InvoiceLine line : added.lines()) {
                    if (!removed.contains(line.lineId())) {
                        if (seen[0] >= from && seen[0] < to) {
                            page.add(line);
                        }
                        seen[0]++;
                    }
                }
            }
        });
        if (!exists[0]) {
            throw new NotFound("No proforma " + invoiceId);
        }
        return paging.of(page, seen[0]);
    }

    private Set<UUID> removedLines(UUID invoiceId) {
        Set<UUID> removed = new HashSet<>();
        events.stream(invoiceId, List.of(InvoiceLineRemoved.class),
                event -> removed.add(((InvoiceLineRemoved) event).lineId()));
        return removed;
    }

    /** The proforma's own events in order, one in memory at a time. */
    private void stream(UUID invoiceId, Consumer<Object> handler) {
        events.stream(invoiceId, TYPES, handler);
    }

    private static final class Totals {
        ProformaCreated created;
        boolean confirming;
        ProformaConfirmed confirmed;
        long lines;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal quantity = BigDecimal.ZERO;

        void add(InvoiceLine line) {
            lines++;
            amount = amount.add(line.amount());
            quantity = quantity.add(line.quantity());
        }
    }
}
