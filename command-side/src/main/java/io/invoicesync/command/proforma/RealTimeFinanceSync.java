package io.invoicesync.command.proforma;

import io.invoicesync.command.QuerySideProperties;
import io.invoicesync.platform.security.AccountPasswords;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Real-time dual-write: right after a confirm commits, and only when no async job owns the table maps, asks the query
 * side to write this invoice to Finance now and waits for it. The query side owns the Finance model, so it does the
 * writing; a failure leaves the invoice waiting for the next async run, never half-written.
 */
@Component
class RealTimeFinanceSync {

    private static final Logger log = LoggerFactory.getLogger(RealTimeFinanceSync.class);

    private final RestClient querySide;

    RealTimeFinanceSync(QuerySideProperties settings, AccountPasswords passwords) {
        String user = settings.user();
        String password = settings.password().isBlank() ? passwords.generated(user) : settings.password();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofMinutes(2));
        this.querySide = RestClient.builder().baseUrl(settings.url()).requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
    }

    record Outcome(String mode, String status, String detail) {
    }

    Outcome sync(UUID invoiceId) {
        try {
            querySide.post().uri("/api/real-time-sync/invoices/{id}", invoiceId).retrieve().toBodilessEntity();
            return new Outcome("REAL_TIME", "SYNCED", "Finance has the invoice proposal, its actuals and connections");
        } catch (RestClientException e) {
            log.warn("Real-time sync of {} failed; it waits for the next async run: {}", invoiceId, e.getMessage());
            return new Outcome("REAL_TIME", "NOT_SYNCED", whyNot(e)
                    + "; the invoice is confirmed and waits for the next asynchronous integration run");
        }
    }

    /**
     * Why real time did not complete, in the user's words: Finance's own refusal sentence when it gave one (a customer
     * on hold), else what kind of failure it was. Never the query side's URL or raw answer.
     */
    private static String whyNot(RestClientException e) {
        if (e instanceof RestClientResponseException answered) {
            ProblemDetail problem = problemOf(answered);
            if (answered.getStatusCode().is4xxClientError() && problem != null && problem.getDetail() != null) {
                return "Finance refused the invoice: " + problem.getDetail();
            }
            return "Finance could not take the invoice just now";
        }
        return "Finance could not be reached";
    }

    private static ProblemDetail problemOf(RestClientResponseException answered) {
        try {
            return answered.getResponseBodyAs(ProblemDetail.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
