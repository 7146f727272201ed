package io.invoicesync.query.finance.customers;

import java.util.Optional;

/** Finance's word on a customer: the reason it is on hold, if it is. */
public interface CustomerHolds {

    Optional<String> holdReason(String customerId);
}
