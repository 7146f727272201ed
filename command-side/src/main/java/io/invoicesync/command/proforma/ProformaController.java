package io.invoicesync.command.proforma;

import io.invoicesync.command.AggregateIds;
import io.invoicesync.command.QuerySideProperties;
import io.invoicesync.command.idempotency.IdempotentWrites;
import io.invoicesync.command.idempotency.KeyedRequests;
import io.invoicesync.kernel.money.Amounts;
import io.invoicesync.kernel.money.CurrencyCode;
import io.invoicesync.kernel.proforma.AddInvoiceLine;
import io.invoicesync.kernel.proforma.AddInvoiceLines;
import io.invoicesync.kernel.proforma.CreateProforma;
import io.invoicesync.kernel.proforma.InvoiceLine;
import io.invoicesync.kernel.proforma.InvoiceLineRemoved;
import io.invoicesync.kernel.proforma.InvoiceLinesAdded;
import io.invoicesync.kernel.proforma.LinesAdded;
import io.invoicesync.kernel.proforma.NewInvoiceLine;
import io.invoicesync.kernel.proforma.ProformaCreated;
import io.invoicesync.kernel.proforma.RemoveInvoiceLine;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.platform.web.input.BusinessDate;
import io.invoicesync.platform.web.input.Iso4217Currency;
import io.invoicesync.platform.web.input.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/proformas")
class ProformaController {

    private final CommandGateway commands;
    private final ProformaConfirmations confirmations;
    private final AggregateIds aggregates;
    private final KeyedRequests keyed;
    private final String querySideUrl;

    /** Location points at the query side, where a proforma is read back ({@code GET /api/proformas/{id}}). */
    ProformaController(CommandGateway commands, ProformaConfirmations confirmations, AggregateIds aggregates,
                       KeyedRequests keyed, QuerySideProperties querySide) {
        this.commands = commands;
        this.keyed = keyed;
        this.querySideUrl = querySide.url();
        this.confirmations = confirmations;
        this.aggregates = aggregates;
    }

    record CreateProformaRequest(UUID invoiceId,
                                 @NotBlank @Size(max = 100) @PlainText String projectContractId,
                                 @NotBlank @Size(max = 100) @PlainText String customerId,
                                 @NotNull @Iso4217Currency String currency,
                                 @NotNull @BusinessDate LocalDate invoiceDate,
                                 @Size(max = 1_000) @PlainText String invoiceHeaderText,
                                 @Size(max = AddInvoiceLines.MAX_LINES) List<@NotNull @Valid LineRequest> lines) {
    }

    /** The new draft; {@code lineIds} of the lines it was created with (none: empty). */
    record Created(UUID invoiceId, String status, List<UUID> lineIds) {
    }

    /** A line from the backlog ({@code backlogTransactionId}) or a manual fee line (description, quantity, price). */
    record LineRequest(UUID lineId, UUID backlogTransactionId,
                       @Size(max = 500) @PlainText String description,
                       @Positive @Digits(integer = Amounts.QUANTITY_INTEGER_DIGITS, fraction = Amounts.QUANTITY_SCALE,
                                      message = Amounts.QUANTITY_DIGITS)
                       BigDecimal quantity,
                       @PositiveOrZero @Digits(integer = Amounts.MONEY_INTEGER_DIGITS, fraction = Amounts.MONEY_SCALE,
                                      message = Amounts.MONEY_DIGITS)
                       BigDecimal unitPrice,
                       @Iso4217Currency String currency) {
    }

    record LinesRequest(@NotNull @Size(min = 1, max = AddInvoiceLines.MAX_LINES) List<@NotNull @Valid LineRequest> lines) {
    }

    record LinesAddedResponse(UUID invoiceId, int added, List<UUID> lineIds) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Created> create(@Valid @RequestBody CreateProformaRequest request,
                                   @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false)
                                   String requestKey) {
        // Without an id of the client's, a request sent with an Idempotency-Key takes the id its key names: sent
        // again after its commit was in doubt, it finds the proforma it made and answers as it did, not a second one.
        UUID invoiceId = request.invoiceId() != null ? request.invoiceId()
                : requestKey != null ? IdempotentWrites.idFor(requestKey, "proforma") : UUID.randomUUID();
        List<NewInvoiceLine> lines = request.lines() == null ? List.of() : newLines(request.lines(), requestKey);
        // Made by this very request already (its answer lost with a commit in doubt): answered as it was.
        boolean madeAlready = requestKey != null
                && keyed.madeBy(invoiceId, requestKey, ProformaCreated.class).isPresent();
        if (!madeAlready) {
            aggregates.verifyFree("invoiceId", invoiceId);
            // The draft and its first lines in one command, one transaction: a line refused, nothing is written.
            commands.sendAndWait(new CreateProforma(invoiceId, request.projectContractId(),
                    request.customerId(), new CurrencyCode(request.currency()), request.invoiceDate(),
                    request.invoiceHeaderText(), lines));
        }
        return ResponseEntity.created(URI.create(querySideUrl + "/api/proformas/" + invoiceId))
                .eTag(ProformaVersion.eTag(lines.isEmpty() ? 0 : 1))
                .body(new Created(invoiceId, "DRAFT", lines.stream().map(NewInvoiceLine::lineId).toList()));
    }

    /**
     * Adds 1 to 5,000 lines in one request; larger invoices are built by several requests. With {@code If-Match}
     * (the ETag of the previous answer) the request only applies to that version: a client that lost a race gets 409.
     */
    @PostMapping("/{invoiceId}/lines")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<LinesAddedResponse> addLines(@PathVariable UUID invoiceId, @Valid @RequestBody LinesRequest request,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false)
                                                String requestKey) {
        Long expectedVersion = ProformaVersion.fromIfMatch(ifMatch);
        aggregates.verifyIs("invoiceId", invoiceId, ProformaInvoice.class);
        List<NewInvoiceLine> lines = newLines(request.lines(), requestKey);
        // Added by this very request already (its answer lost with a commit in doubt): answered as it was, whatever now
        // stands in the way (its ids on the invoice, a version moved past its If-Match).
        LinesAdded added = keyed.once(() -> lines.size() == 1
                        ? commands.<LinesAdded>sendAndWait(new AddInvoiceLine(invoiceId, lines.get(0), expectedVersion))
                        : commands.<LinesAdded>sendAndWait(new AddInvoiceLines(invoiceId, lines, expectedVersion)),
                invoiceId, requestKey, InvoiceLinesAdded.class, event -> new LinesAdded(event.getPayload().lines()
                        .stream().map(InvoiceLine::lineId).toList(), event.getSequenceNumber()));
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ProformaVersion.eTag(added.version()))
                .body(new LinesAddedResponse(invoiceId, added.lineIds().size(), added.lineIds()));
    }

    /** The lines of a request, checked for what needs no state; their ids the client's, or made (see below). */
    private static List<NewInvoiceLine> newLines(List<LineRequest> requested, String requestKey) {
        RequestChecks checks = new RequestChecks();
        List<NewInvoiceLine> lines = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            LineRequest line = requested.get(i);
            String at = "lines[" + i + "]";
            checks.rule(line.backlogTransactionId() == null || line.quantity() == null && line.unitPrice() == null,
                            at, "backlog-line-takes-backlog-values",
                            "A line from the backlog takes its quantity and price from the backlog transaction; "
                                    + "leave quantity and unitPrice out")
                    .amountFitsFinance(at, line.quantity(), line.unitPrice());
            // A keyed request's lines take the ids its key names: sent again after a commit in doubt, they are
            // found on the invoice already, never added twice.
            UUID lineId = line.lineId() != null ? line.lineId()
                    : requestKey != null ? IdempotentWrites.idFor(requestKey, "line/" + i) : UUID.randomUUID();
            lines.add(new NewInvoiceLine(lineId, line.backlogTransactionId(), line.description(), line.quantity(),
                    line.unitPrice(), line.currency()));
        }
        checks.verify();
        return lines;
    }

    @DeleteMapping("/{invoiceId}/lines/{lineId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> removeLine(@PathVariable UUID invoiceId, @PathVariable UUID lineId,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false)
                                    String requestKey) {
        aggregates.verifyIs("invoiceId", invoiceId, ProformaInvoice.class);
        // Removed by this very request already (its answer lost with a commit in doubt): answered as it was.
        long version = keyed.once(() -> commands.<Long>sendAndWait(new RemoveInvoiceLine(invoiceId, lineId,
                        ProformaVersion.fromIfMatch(ifMatch))), invoiceId, requestKey, InvoiceLineRemoved.class,
                DomainEventMessage::getSequenceNumber);
        return ResponseEntity.noContent().eTag(ProformaVersion.eTag(version)).build();
    }

    @PostMapping("/{invoiceId}/confirm")
    ProformaConfirmations.Confirmed confirm(@PathVariable UUID invoiceId,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                           String ifMatch,
                                           @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false)
                                           String requestKey) {
        return confirmations.confirm(invoiceId, ProformaVersion.fromIfMatch(ifMatch), Optional.ofNullable(requestKey));
    }
}
