package io.invoicesync.query.finance.customers;

import io.invoicesync.platform.web.input.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

    record CustomerRequest(@NotNull Boolean onHold, @Size(max = 500) @PlainText String holdReason) {
    }

    record Customer(String customerId, boolean onHold, String holdReason) {
    }

    /** Puts a customer on hold in Finance, or releases it; a held customer's invoices fail with an application error. */
    @PutMapping("/api/finance/customers/{customerId}")
    Customer put(@PathVariable @Size(max = 100) @PlainText String customerId,
                 @Valid @RequestBody CustomerRequest request) {
        customers.put(customerId, request.onHold(), request.holdReason());
        return new Customer(customerId, request.onHold(), request.holdReason());
    }
}
