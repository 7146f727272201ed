package io.invoicesync.command.proforma;

import io.invoicesync.command.backlog.BacklogEntry;
import io.invoicesync.command.backlog.BacklogLookup;
import io.invoicesync.kernel.backlog.BillableTransaction;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The backlog as the aggregate sees it, for fixture tests; the JDBC ledger is exercised by the Spring tests. */
final class InMemoryBacklog implements BacklogLookup {

    private final Map<UUID, BacklogEntry> entries = new HashMap<>();

    InMemoryBacklog add(String contractId, BillableTransaction transaction, UUID reservedBy) {
        entries.put(transaction.transactionId(), new BacklogEntry(contractId, transaction, reservedBy));
        return this;
    }

    @Override
    public Map<UUID, BacklogEntry> find(Collection<UUID> transactionIds) {
        Map<UUID, BacklogEntry> found = new HashMap<>();
        transactionIds.stream().filter(entries::containsKey).forEach(id -> found.put(id, entries.get(id)));
        return found;
    }
}
