package io.invoicesync.command.proforma;

import io.invoicesync.kernel.proforma.BillConfirmedLines;
import io.invoicesync.kernel.proforma.CompleteConfirmation;
import io.invoicesync.kernel.proforma.ConfirmProforma;
import io.invoicesync.kernel.proforma.ConfirmProformaAtOnce;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.ProformaConfirmed;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Confirms a proforma of any size in bounded steps: begins the confirmation, bills the lines a chunk of 1,000 per
 * command (each its own transaction, its events appended at once), then completes it; a proforma of at most one chunk
 * in one command ({@link ConfirmProformaAtOnce}). Memory and transaction size stay
 * those of one chunk, so a million-line invoice confirms in a 1 GB heap. Confirming again after a crash resumes at
 * the first chunk not billed yet; until it completes, the proforma takes no other change and no sync sees it (the
 * sync starts from {@link ProformaConfirmed}).
 */
@Component
public class ProformaConfirmation {

    private final CommandGateway commands;
    private final ProformaLineHistory history;

    ProformaConfirmation(CommandGateway commands, ProformaLineHistory history) {
        this.commands = commands;
        this.history = history;
    }

    public ProformaConfirmed confirm(UUID invoiceId, Long expectedVersion) {
        // At most one chunk: one command, one transaction (a month end's invoices), unless a line changed meanwhile.
        Optional<List<InvoiceLine>> whole = history.linesIfAtMost(invoiceId, BillingOnConfirmation.CHUNK_SIZE);
        if (whole.isPresent()) {
            ProformaConfirmed confirmed = commands.sendAndWait(new ConfirmProformaAtOnce(invoiceId, expectedVersion,
                    whole.get()));
            if (confirmed != null) {
                return confirmed;
            }
        }
        int billed = commands.<Integer>sendAndWait(new ConfirmProforma(invoiceId, expectedVersion));
        AtomicInteger chunk = new AtomicInteger();
        history.forEachChunkOfLines(invoiceId, BillingOnConfirmation.CHUNK_SIZE, lines -> {
            if (chunk.incrementAndGet() > billed) {
                commands.sendAndWait(new BillConfirmedLines(invoiceId, chunk.get(), lines));
            }
        });
        return commands.sendAndWait(new CompleteConfirmation(invoiceId));
    }
}
