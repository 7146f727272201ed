package io.invoicesync.command.backlog;

import io.invoicesync.kernel.backlog.BillableTransaction;
import io.invoicesync.kernel.backlog.RecordBillableTransaction;
import io.invoicesync.kernel.backlog.RecordBillableTransactions;
import io.invoicesync.kernel.backlog.TransactionClass;
import io.invoicesync.kernel.money.Amounts;
import io.invoicesync.platform.web.RequestChecks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/backlog/transactions")
class BacklogController {

    static final int MAX_TRANSACTIONS_PER_REQUEST = 5_000;

    private final CommandGateway commands;

    BacklogController(CommandGateway commands) {
        this.commands = commands;
    }

    record TransactionRequest(UUID transactionId, String projectId, String contractLineId, String transactionClass,
                              BigDecimal quantity, BigDecimal unitPrice, String currency, LocalDate transactionDate,
                              String description) {
    }

    record RecordRequest(String projectContractId, List<TransactionRequest> transactions) {
    }

    record Recorded(String projectContractId, int recorded, List<UUID> transactionIds) {
    }

    /** Records unbilled billable transactions of one project contract: one, or up to 5,000 per request. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Recorded record(@RequestBody RecordRequest request) {
        RequestChecks checks = new RequestChecks()
                .required("projectContractId", request.projectContractId())
                .maxLength("projectContractId", request.projectContractId(), 100)
                .listSize("transactions", request.transactions(), 1, MAX_TRANSACTIONS_PER_REQUEST);
        checks.verify();
        List<BillableTransaction> transactions = new ArrayList<>();
        for (int i = 0; i < request.transactions().size(); i++) {
            TransactionRequest t = request.transactions().get(i);
            String at = "transactions[" + i + "].";
            if (t == null) {
                checks.add("transactions[" + i + "]", "required", "transactions[" + i + "] is required");
                continue;
            }
            checks.required(at + "projectId", t.projectId()).maxLength(at + "projectId", t.projectId(), 100)
                    .required(at + "contractLineId", t.contractLineId())
                    .maxLength(at + "contractLineId", t.contractLineId(), 100)
                    .required(at + "transactionClass", t.transactionClass())
                    .rule(t.transactionClass() == null || isTransactionClass(t.transactionClass()),
                            at + "transactionClass", "transaction-class", "transactionClass must be one of "
                                    + Arrays.toString(TransactionClass.values()))
                    .required(at + "quantity", t.quantity()).positive(at + "quantity", t.quantity())
                    .scaleAtMost(at + "quantity", t.quantity(), Amounts.QUANTITY_SCALE)
                    .required(at + "unitPrice", t.unitPrice()).notNegative(at + "unitPrice", t.unitPrice())
                    .scaleAtMost(at + "unitPrice", t.unitPrice(), Amounts.MONEY_SCALE)
                    .required(at + "currency", t.currency()).currency(at + "currency", t.currency())
                    .required(at + "transactionDate", t.transactionDate())
                    .maxLength(at + "description", t.description(), 500);
            transactions.add(new BillableTransaction(t.transactionId() == null ? UUID.randomUUID() : t.transactionId(),
                    t.projectId(), t.contractLineId(), t.transactionClass(), t.quantity(), t.unitPrice(), t.currency(),
                    t.transactionDate(), t.description()));
        }
        checks.verify();
        if (transactions.size() == 1) {
            commands.sendAndWait(new RecordBillableTransaction(request.projectContractId(), transactions.get(0)));
        } else {
            commands.sendAndWait(new RecordBillableTransactions(request.projectContractId(), transactions));
        }
        return new Recorded(request.projectContractId(), transactions.size(),
                transactions.stream().map(BillableTransaction::transactionId).toList());
    }

    private static boolean isTransactionClass(String value) {
        return Arrays.stream(TransactionClass.values()).anyMatch(c -> c.name().equals(value));
    }
}
