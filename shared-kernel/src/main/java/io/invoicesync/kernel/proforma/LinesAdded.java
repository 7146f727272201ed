package io.invoicesync.kernel.proforma;

import java.util.List;
import java.util.UUID;

/** What adding lines answers: their ids, and the proforma's version after them (the next request's If-Match). */
public record LinesAdded(List<UUID> lineIds, long version) {
}
