package io.invoicesync.query.support;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Reading a job's errors list ({@code GET /api/integration-jobs/{id}/errors}) as tests check it. */
public final class JobErrors {

    private JobErrors() {
    }

    /** The cause of the invoice's first error on the page; fails when the invoice has none there. */
    public static String causeOf(JsonNode errors, UUID invoiceId) {
        return errors.path("content").valueStream().filter(e -> e.path("invoiceId").asString()
                .equals(invoiceId.toString())).findFirst().orElseThrow(() -> new AssertionError("No error of "
                + invoiceId + " in " + errors)).path("cause").asString();
    }
}
