package io.invoicesync.query.tools;

import io.invoicesync.query.replay.ReplayProgress;
import java.io.PrintStream;

/**
 * A command-line tool's progress bar on a terminal (redrawn in place), plain lines every few seconds when output is
 * not a terminal. It counts {@code unit}s (events for a replay, invoices for a reconciliation).
 */
public final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 30;
    private static final long LINE_EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String tool;
    private final String unit;
    private final long startedAt = System.nanoTime();
    private long lastLine;

    public ProgressBar(PrintStream out, boolean terminal, String tool, String unit) {
        this.out = out;
        this.terminal = terminal;
        this.tool = tool;
        this.unit = unit;
    }

    /** Progress where the caller does not measure its own rate: measured here, since the bar was made. */
    public void update(long done, long total) {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        update(done, total, seconds > 0 ? done / seconds : 0);
    }

    @Override
    public void update(long done, long total, double perSecond) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        String eta = perSecond > 0 ? String.format("%.0fs", (total - done) / perSecond) : "?";
        String figures = String.format("%,d/%,d %s  %,.0f %s/s  ETA %s", done, total, unit, perSecond, unit, eta);
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf("\r[%s%s] %3.0f%%  %s   ", "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, figures);
            if (done >= total) {
                out.println();
            }
            out.flush();
        } else if (System.nanoTime() - lastLine >= LINE_EVERY_NANOS || done >= total) {
            lastLine = System.nanoTime();
            out.printf("%s: %3.0f%%  %s%n", tool, fraction * 100, figures);
        }
    }
}
