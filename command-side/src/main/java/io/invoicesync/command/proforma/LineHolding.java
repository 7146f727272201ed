package io.invoicesync.command.proforma;

import java.math.BigDecimal;
import java.util.UUID;

/** What the aggregate keeps of a line: enough to remove it and keep the total right, not the line's body. */
public record LineHolding(UUID backlogTransactionId, BigDecimal amount) {
}
