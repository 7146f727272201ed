package io.invoicesync.command.backlog;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What a proforma asks of the backlog when lines are added: the transactions, and who holds them already. */
public interface BacklogLookup {

    Map<UUID, BacklogEntry> find(Collection<UUID> transactionIds);
}
