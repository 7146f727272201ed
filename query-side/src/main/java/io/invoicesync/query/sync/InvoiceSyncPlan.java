package io.invoicesync.query.sync;

import io.invoicesync.kernel.integrationjob.TableMap;
import java.util.List;

/**
 * The one place that decides the order of an invoice's sync: the job's maps in dependency order, each map's batches
 * 1 to chunks (batch k of every map is the proforma's chunk k), a map applied after its last batch, the invoice synced
 * after its last map. The saga walks it a window at a time across events; real time walks it to the end inside one
 * transaction. The plan is a position: the saga keeps {@link #mapIndex()} and {@link #nextBatch()} in its state.
 */
public final class InvoiceSyncPlan {

    /** What comes next for the invoice. */
    public sealed interface Step permits SendBatch, MapApplied, Synced {
    }

    /** Send batch {@code number} of {@code map}. */
    public record SendBatch(TableMap map, int number) implements Step {
    }

    /** Every batch of {@code map} is sent: the map is applied once they are written. */
    public record MapApplied(TableMap map, int batches) implements Step {
    }

    /** Every map is applied. */
    public record Synced() implements Step {
    }

    private final List<TableMap> maps;
    private final int chunks;
    private int mapIndex;
    private int nextBatch;

    private InvoiceSyncPlan(List<TableMap> maps, int chunks, int mapIndex, int nextBatch) {
        if (chunks < 1) {
            throw new IllegalArgumentException("A confirmed invoice has at least one chunk, not " + chunks);
        }
        // TableMap's declaration order is the sync order (each map after those it depends on).
        this.maps = maps.stream().sorted().toList();
        this.chunks = chunks;
        this.mapIndex = mapIndex;
        this.nextBatch = nextBatch;
    }

    /** From the first batch of the first map. */
    public static InvoiceSyncPlan start(List<TableMap> maps, int chunks) {
        return new InvoiceSyncPlan(maps, chunks, 0, 1);
    }

    /** From where a saga stood. */
    public static InvoiceSyncPlan at(List<TableMap> maps, int chunks, int mapIndex, int nextBatch) {
        return new InvoiceSyncPlan(maps, chunks, mapIndex, nextBatch);
    }

    /** The step after the last one taken, and the plan moves past it. After {@link Synced}, Synced again. */
    public Step next() {
        if (mapIndex == maps.size()) {
            return new Synced();
        }
        TableMap map = maps.get(mapIndex);
        if (nextBatch > chunks) {
            mapIndex++;
            nextBatch = 1;
            return new MapApplied(map, chunks);
        }
        return new SendBatch(map, nextBatch++);
    }

    /** Takes back the batch {@link #next} just gave, which could not be sent (refused): it is sent again later. */
    public void retryLastBatch() {
        nextBatch--;
    }

    public int mapIndex() {
        return mapIndex;
    }

    public int nextBatch() {
        return nextBatch;
    }
}
