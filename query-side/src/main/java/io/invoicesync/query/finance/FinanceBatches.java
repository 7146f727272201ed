package io.invoicesync.query.finance;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ConfirmationChunk;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import io.invoicesync.query.proforma.ProformaSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings one batch into Finance: reads the rows from the proforma event the batch names and hands them to its map's
 * writer. The Finance processing group calls it for every batch; real-time sync calls it inside the confirm request.
 */
@Component
public class FinanceBatches {

    private final ProformaSource source;
    private final JdbcTemplate jdbc;
    private final Map<TableMap, TableMapWriter<?>> writers = new EnumMap<>(TableMap.class);

    public FinanceBatches(ProformaSource source, JdbcTemplate jdbc, List<TableMapWriter<?>> writers) {
        this.source = source;
        this.jdbc = jdbc;
        writers.forEach(writer -> this.writers.put(writer.tableMap(), writer));
        if (this.writers.size() != TableMap.values().length) {
            throw new IllegalStateException("A Finance writer per table map, found " + this.writers.keySet());
        }
    }

    /**
     * Writes the batch's rows, skipping those Finance already holds the same; answers how many rows the batch holds.
     * A different row under one of its keys fails it ({@link FinanceKeyTaken}).
     */
    public int write(TableMapBatchApplied batch, String appliedEventId) {
        return write(writerOf(batch), batch, source.eventById(batch.sourceEventId()).payload(),
                new Trace(batch, appliedEventId));
    }

    /**
     * Deletes every Finance row of the invoice, the maps in reverse sync order (what points at a row goes before it);
     * answers how many. Only to write them again from the invoice's batches, in the same transaction.
     */
    public int erase(UUID invoiceId) {
        // What this transaction writes next is the invoice's rows again: Finance's change log marks them RESYNCED.
        jdbc.execute("SET LOCAL invoicesync.finance_change = 'RESYNCED'");
        List<TableMap> maps = new ArrayList<>(TableMap.inSyncOrder());
        Collections.reverse(maps);
        return maps.stream().mapToInt(map -> writers.get(map).erase(invoiceId)).sum();
    }

    /**
     * As {@link #write(TableMapBatchApplied, String)}, with the batch's source event already read (the one-transaction
     * sync reads a small confirmation's events in one query).
     */
    public int write(TableMapBatchApplied batch, Object source, String appliedEventId) {
        return write(writerOf(batch), batch, source, new Trace(batch, appliedEventId));
    }

    private TableMapWriter<?> writerOf(TableMapBatchApplied batch) {
        TableMap map = TableMap.byTableName(batch.tableMap()).orElseThrow(() ->
                new IllegalStateException("Batch of unknown table map " + batch.tableMap()));
        return writers.get(map);
    }

    private <S extends ConfirmationChunk> int write(TableMapWriter<S> writer, TableMapBatchApplied batch,
                                                    Object payload, Trace trace) {
        if (!writer.sourceType().isInstance(payload)
                || writer.sourceType().cast(payload).chunk() != batch.batchNumber()) {
            // The batch names its source by the confirmation's layout; a mismatch is a defect, never to be skipped.
            throw new IllegalStateException("Batch " + batch.batchNumber() + " of " + batch.tableMap() + " for invoice "
                    + batch.invoiceId() + " names event " + batch.sourceEventId() + ", a "
                    + payload.getClass().getSimpleName() + " of another chunk or kind");
        }
        try {
            return writer.write(batch, writer.sourceType().cast(payload), trace);
        } catch (DataAccessException e) {
            throw FinanceKeyTaken.in(e).orElseThrow(() -> e);
        }
    }
}
