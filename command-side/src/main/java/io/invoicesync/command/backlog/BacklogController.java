package io.invoicesync.command.backlog;

import io.invoicesync.command.idempotency.IdempotentWrites;
import io.invoicesync.command.idempotency.KeyedRequests;
import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.backlog.BillableTransactionsRecorded;
import io.invoicesync.kernel.backlog.RecordBillableTransaction;
import io.invoicesync.kernel.backlog.RecordBillableTransactions;
import io.invoicesync.kernel.backlog.TransactionClass;
import io.invoicesync.kernel.money.Amounts;
import io.invoicesync.platform.web.RequestChecks;
import io.invoicesync.platform.web.input.BusinessDate;
import io.invoicesync.platform.web.input.Iso4217Currency;
import io.invoicesync.platform.web.input.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/backlog/transactions")
class BacklogController {

    static final int MAX_TRANSACTIONS_PER_REQUEST = 5_000;

    private final CommandGateway commands;
    private final KeyedRequests keyed;

    BacklogController(CommandGateway commands, KeyedRequests keyed) {
        this.keyed = keyed;
        this.commands = commands;
    }

    record TransactionRequest(UUID transactionId,
                              @NotBlank @Size(max = 100) @PlainText String projectId,
                              @NotBlank @Size(max = 100) @PlainText String contractLineId,
                              @NotNull @Pattern(regexp = TransactionClass.PATTERN,
                                      message = "must be one of " + TransactionClass.CHOICES) String transactionClass,
                              @NotNull @Positive
                              @Digits(integer = Amounts.QUANTITY_INTEGER_DIGITS, fraction = Amounts.QUANTITY_SCALE,
                                      message = Amounts.QUANTITY_DIGITS)
                              BigDecimal quantity,
                              @NotNull @PositiveOrZero
                              @Digits(integer = Amounts.MONEY_INTEGER_DIGITS, fraction = Amounts.MONEY_SCALE,
                                      message = Amounts.MONEY_DIGITS)
                              BigDecimal unitPrice,
                              @NotNull @Iso4217Currency String currency,
                              @NotNull @BusinessDate LocalDate transactionDate,
                              @Size(max = 500) @PlainText String description) {
    }

    record RecordRequest(@NotBlank @Size(max = 100) @PlainText String projectContractId,
                         @NotNull @Size(min = 1, max = MAX_TRANSACTIONS_PER_REQUEST)
                         List<@NotNull @Valid TransactionRequest> transactions) {
    }

    record Recorded(String projectContractId, int recorded, List<UUID> transactionIds) {
    }

    /** Records unbilled billable transactions of one project contract: one, or up to 5,000 per request. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Recorded record(@Valid @RequestBody RecordRequest request,
                    @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        RequestChecks checks = new RequestChecks();
        List<BillableTransaction> transactions = new ArrayList<>();
        for (int i = 0; i < request.transactions().size(); i++) {
            TransactionRequest t = request.transactions().get(i);
            checks.amountFitsFinance("transactions[" + i + "]", t.quantity(), t.unitPrice());
            // A keyed request's transactions without ids take the ids its key names: sent again, never twice.
            UUID id = t.transactionId() != null ? t.transactionId()
                    : requestKey != null ? IdempotentWrites.idFor(requestKey, "transaction/" + i) : UUID.randomUUID();
            transactions.add(new BillableTransaction(id,
                    t.projectId(), t.contractLineId(), t.transactionClass(), t.quantity(), t.unitPrice(), t.currency(),
                    t.transactionDate(), t.description()));
        }
        checks.verify();
        // Recorded by this very request already (its answer lost with a commit in doubt): answered as it was.
        keyed.once(() -> commands.sendAndWait(transactions.size() == 1
                ? new RecordBillableTransaction(request.projectContractId(), transactions.get(0))
                : new RecordBillableTransactions(request.projectContractId(), transactions)),
                request.projectContractId(), requestKey, BillableTransactionsRecorded.class);
        return new Recorded(request.projectContractId(), transactions.size(),
                transactions.stream().map(BillableTransaction::transactionId).toList());
    }
}
