package io.invoicesync.query.finance;

import io.invoicesync.kernel.integrationjob.TableMap;
import io.invoicesync.kernel.proforma.ConfirmationChunk;
import io.invoicesync.kernel.sync.TableMapBatchApplied;
import java.util.UUID;

/**
 * Writes one table map's batch into Finance, the only code that does, for the async path, real time and replays
 * alike ({@link FinanceBatches}). Inserts are keyed by source ids and skip a row already there only when it is the
 * same row ({@link ProvenRepeat}), so a batch delivered twice changes nothing and a different row under the same key
 * fails the batch.
 *
 * @param <S> the proforma chunk event the map's rows come from; its chunk must be the batch's number
 */
public interface TableMapWriter<S extends ConfirmationChunk> {

    /** One JDBC batch per source chunk: a chunk holds at most 1,000 actuals and 2,000 connections. */
    int MAX_BATCH = 2_000;

    TableMap tableMap();

    Class<S> sourceType();

    /** Writes the batch's rows from its source event; answers how many rows the batch holds. */
    int write(TableMapBatchApplied batch, S source, Trace trace);

    /** Deletes every row of the invoice this map wrote (to write them again from the events); answers how many. */
    int erase(UUID invoiceId);
}
