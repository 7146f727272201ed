package io.invoicesync.query.support;

import io.invoicesync.command.support.Api;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** Builds proformas through the command API the way a project manager would: backlog, draft, lines, confirm. */
public final class Proformas {

    /** Every backlog transaction of these tests: quantity 2 at 100.5, so a line amounts to 201. */
    public static final BigDecimal LINE_AMOUNT = new BigDecimal("201.0000");

    private Proformas() {
    }

    public record Confirmed(UUID invoiceId, int lines, Api.Response response) {
    }

    /** Records {@code lines} billable transactions on the contract, 5,000 a request; answers their ids. */
    public static List<UUID> backlog(Api command, String contract, int lines) {
        List<UUID> backlog = IntStream.range(0, lines).mapToObj(i -> UUID.randomUUID()).toList();
        for (int from = 0; from < lines; from += 5_000) {
            require(command.post(Api.PM, "/api/backlog/transactions", Map.of("projectContractId", contract,
                    "transactions", backlog.subList(from, Math.min(lines, from + 5_000)).stream()
                            .map(id -> Map.of("transactionId", id, "projectId", "P-1", "contractLineId", "CL-1",
                                    "transactionClass", "TIME", "quantity", new BigDecimal("2"),
                                    "unitPrice", new BigDecimal("100.5"), "currency", "EUR",
                                    "transactionDate", "2026-11-01"))
                            .toList())), 201);
        }
        return backlog;
    }

    public static UUID draft(Api command, String customerId, int lines) {
        String contract = "PC-" + UUID.randomUUID();
        List<UUID> backlog = backlog(command, contract, lines);
        Api.Response created = command.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", customerId, "currency", "EUR", "invoiceDate", "2026-11-24",
                "invoiceHeaderText", lines + " lines"));
        require(created, 201);
        UUID invoiceId = UUID.fromString(created.text("invoiceId"));
        for (int from = 0; from < lines; from += 5_000) {
            require(command.post(Api.PM, "/api/proformas/" + invoiceId + "/lines", Map.of("lines",
                    backlog.subList(from, Math.min(lines, from + 5_000)).stream()
                            .map(id -> Map.of("backlogTransactionId", id)).toList())), 201);
        }
        return invoiceId;
    }

    public static Confirmed confirmed(Api command, String customerId, int lines) {
        UUID invoiceId = draft(command, customerId, lines);
        Api.Response confirmed = command.post(Api.PM, "/api/proformas/" + invoiceId + "/confirm", "");
        require(confirmed, 200);
        return new Confirmed(invoiceId, lines, confirmed);
    }

    private static void require(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("Expected " + status + " but got " + response.status() + ": "
                    + response.body());
        }
    }
}
