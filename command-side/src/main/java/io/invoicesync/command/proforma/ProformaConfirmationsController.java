package io.invoicesync.command.proforma;

import io.invoicesync.command.idempotency.IdempotentWrites;
import io.invoicesync.platform.web.FieldViolation;
import io.invoicesync.platform.web.InvalidRequest;
import io.invoicesync.platform.web.ProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Month end is confirmed in bulk: one request names many proformas, and each is confirmed on its own, exactly as its
 * single confirm would be ({@link ProformaConfirmations}), one after the other. One refused (already confirmed, no
 * lines, over the real-time limit, not a proforma) is that invoice's answer and the rest go on. A failure of the
 * service itself (the database away) answers the whole request as usual; the invoices confirmed before it stay
 * confirmed, and sent again they answer 409.
 */
@RestController
class ProformaConfirmationsController {

    /** A request's invoices: a month end is sent in several requests, each answered within a few seconds. */
    static final int MAX_INVOICES = 1_000;

    private final ProformaConfirmations confirmations;
    private final ProblemHandler problems;

    ProformaConfirmationsController(ProformaConfirmations confirmations, ProblemHandler problems) {
        this.confirmations = confirmations;
        this.problems = problems;
    }

    record ConfirmationsRequest(@NotNull @Size(min = 1, max = MAX_INVOICES) List<@NotNull UUID> invoiceIds) {
    }

    /** One invoice's answer: its confirmation (status 200), or the problem its single confirm would have answered. */
    record InvoiceConfirmation(UUID invoiceId, int status, ProformaConfirmations.Confirmed confirmation,
                               ProblemDetail problem) {
    }

    record Confirmations(int confirmed, int refused, List<InvoiceConfirmation> invoices) {
    }

    @PostMapping("/api/proformas/confirmations")
    @Operation(summary = "Confirm many proformas, each on its own; answers per invoice, in the order asked")
    Confirmations confirm(@Valid @RequestBody ConfirmationsRequest request,
                          @RequestAttribute(name = IdempotentWrites.REQUEST_KEY, required = false) String requestKey) {
        refuseRepeats(request.invoiceIds());
        List<InvoiceConfirmation> answers = new ArrayList<>(request.invoiceIds().size());
        int confirmed = 0;
        for (UUID invoiceId : request.invoiceIds()) {
            try {
                answers.add(new InvoiceConfirmation(invoiceId, 200, confirmations.confirm(invoiceId, null,
                        Optional.ofNullable(requestKey)), null));
                confirmed++;
            } catch (RuntimeException e) {
                Optional<ProblemDetail> refusal = problems.refusalOf(e);
                if (refusal.isEmpty()) {
                    throw e;
                }
                answers.add(new InvoiceConfirmation(invoiceId, refusal.get().getStatus(), null, refusal.get()));
            }
        }
        return new Confirmations(confirmed, answers.size() - confirmed, answers);
    }

    /** The same invoice twice in one request is a mistake of the caller, refused before anything is confirmed. */
    private static void refuseRepeats(List<UUID> invoiceIds) {
        Set<UUID> seen = new HashSet<>();
        List<FieldViolation> repeats = new ArrayList<>();
        for (int i = 0; i < invoiceIds.size(); i++) {
            if (!seen.add(invoiceIds.get(i))) {
                repeats.add(new FieldViolation("invoiceIds[" + i + "]", "invoice-named-once",
                        "invoiceIds[" + i + "]: " + invoiceIds.get(i) + " is named twice; name each invoice once"));
            }
        }
        if (!repeats.isEmpty()) {
            throw new InvalidRequest(repeats);
        }
    }
}
