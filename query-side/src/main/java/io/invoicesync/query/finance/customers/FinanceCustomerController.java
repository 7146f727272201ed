package io.invoicesync.query.finance.customers;

import io.invoicesync.platform.web.RequestChecks;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FinanceCustomerController {

    private final FinanceCustomers customers;

    FinanceCustomerController(FinanceCustomers customers) {
        this.customers = customers;
    }

    record CustomerRequest(Boolean onHold, String holdReason) {
    }

    record Customer(String customerId, boolean onHold, String holdReason) {
    }

    /** Puts a customer on hold in Finance, or releases it; a held customer's invoices fail with an application error. */
    @PutMapping("/api/finance/customers/{customerId}")
    Customer put(@PathVariable String customerId, @RequestBody CustomerRequest request) {
        new RequestChecks().required("onHold", request.onHold()).maxLength("holdReason", request.holdReason(), 500)
                .maxLength("customerId", customerId, 100).verify();
        customers.put(customerId, request.onHold(), request.holdReason());
        return new Customer(customerId, request.onHold(), request.holdReason());
    }
}
