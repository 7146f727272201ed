package io.invoicesync.query.finance.actuals;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.query.finance.actuals.ActualsReader.Actual;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ActualsController {

    private final ActualsReader actuals;

    ActualsController(ActualsReader actuals) {
        this.actuals = actuals;
    }

    /** msdyn_actuals of one invoice proposal, paged. */
    @GetMapping("/api/finance/actuals")
    Page<Actual> list(@RequestParam UUID invoiceProposalId,
                      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return actuals.ofInvoice(invoiceProposalId, Paging.of(page, size));
    }
}
