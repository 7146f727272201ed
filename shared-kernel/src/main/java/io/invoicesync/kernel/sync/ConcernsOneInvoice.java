package io.invoicesync.kernel.sync;

import java.util.UUID;

/**
 * An event about one invoice. The query side keeps each invoice's events in order by this id (one segment per
 * invoice), and sets aside an invoice whose events keep failing by it, without looking inside the event.
 */
public interface ConcernsOneInvoice {

    UUID invoiceId();
}
