package io.invoicesync.command.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.invoicesync.command.support.Api;
import io.invoicesync.command.support.CommandSideTest;
import io.invoicesync.command.support.AsyncJob;
import io.invoicesync.command.support.Api.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * G3, measured: a 100,000-line proforma built through the REST API in 100 requests of 1,000 backlog lines. Prints
 * the cost of the first and the last thousand lines, and of confirming. Not a timed test: it asserts the result is
 * right and prints figures. Run: ./mvnw -B -ntp verify -Pbenchmark -pl command-side -am
 */
@Tag("benchmark")
@CommandSideTest
class LargeProformaBenchmark {

    private static final int LINES = Integer.getInteger("benchmark.lines", 100_000);
    private static final int BATCH = 1_000;

    @LocalServerPort
    int port;

    @Test
    void addingTheLastThousandLinesCostsWhatTheFirstThousandDid() {
        Api api = new Api(port);
        String contract = "BENCH-" + UUID.randomUUID();
        List<UUID> backlog = IntStream.range(0, LINES).mapToObj(i -> UUID.randomUUID()).toList();
        long recordStart = System.nanoTime();
        for (int from = 0; from < LINES; from += 5_000) {
            List<Map<String, Object>> transactions = backlog.subList(from, Math.min(LINES, from + 5_000)).stream()
                    .map(id -> Map.<String, Object>of("transactionId", id, "projectId", "P-1", "contractLineId", "CL-1",
                            "transactionClass", "TIME", "quantity", new BigDecimal("1.5"), "unitPrice",
                            new BigDecimal("80"), "currency", "EUR", "transactionDate", "2026-11-01"))
                    .toList();
            assertThat(api.post(Api.PM, "/api/backlog/transactions",
                    Map.of("projectContractId", contract, "transactions", transactions)).status()).isEqualTo(201);
        }
        double recordSeconds = seconds(recordStart);

        Response created = api.post(Api.PM, "/api/proformas", Map.of("projectContractId", contract,
                "customerId", "CUST-1", "currency", "EUR", "invoiceDate", "2026-11-24"));
        String lines = "/api/proformas/" + created.text("invoiceId") + "/lines";
        List<Double> batchMillis = new ArrayList<>();
        for (int from = 0; from < LINES; from += BATCH) {
            List<Map<String, Object>> batch = backlog.subList(from, from + BATCH).stream()
                    .map(id -> Map.<String, Object>of("backlogTransactionId", id)).toList();
            long start = System.nanoTime();
            Response added = api.post(Api.PM, lines, Map.of("lines", batch));
            batchMillis.add((System.nanoTime() - start) / 1e6);
            assertThat(added.status()).isEqualTo(201);
        }
        long confirmStart;
        Response confirmed;
        double confirmSeconds;
        try (AsyncJob job = AsyncJob.run(api)) {
            confirmStart = System.nanoTime();
            confirmed = api.post(Api.PM, "/api/proformas/" + created.text("invoiceId") + "/confirm", "");
            confirmSeconds = seconds(confirmStart);
        }
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().path("lineCount").asInt()).isEqualTo(LINES);

        int batches = batchMillis.size();
        System.out.printf("""

                ==== InvoiceSync benchmark: one proforma of %,d lines (REST, real PostgreSQL) ====
                recording the backlog (%,d transactions):     %8.1f s
                adding lines 1-%,d (first request):            %8.1f ms
                adding lines %,d-%,d (last request):      %8.1f ms
                median of the first 10 requests:               %8.1f ms
                median of the last 10 requests:                %8.1f ms
                confirming (%,d billed actuals, %,d connections): %8.1f s
                =================================================================================
                %n""", LINES, LINES, recordSeconds, BATCH, batchMillis.get(0), LINES - BATCH + 1, LINES,
                batchMillis.get(batches - 1), median(batchMillis.subList(0, 10)),
                median(batchMillis.subList(batches - 10, batches)), confirmed.body().path("billedActuals").asInt(),
                confirmed.body().path("transactionConnections").asInt(), confirmSeconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
