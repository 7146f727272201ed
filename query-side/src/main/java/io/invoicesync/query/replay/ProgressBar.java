package io.invoicesync.query.replay;

import java.io.PrintStream;

/** A progress bar on a terminal (redrawn in place), plain lines every few seconds when output is not a terminal. */
final class ProgressBar implements ReplayProgress {

    private static final int WIDTH = 30;
    private static final long LINE_EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLine;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void update(long done, long total, double eventsPerSecond) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        String eta = eventsPerSecond > 0 ? String.format("%.0fs", (total - done) / eventsPerSecond) : "?";
        String figures = String.format("%,d/%,d events  %,.0f events/s  ETA %s", done, total, eventsPerSecond, eta);
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf("\r[%s%s] %3.0f%%  %s   ", "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, figures);
            if (done >= total) {
                out.println();
            }
            out.flush();
        } else if (System.nanoTime() - lastLine >= LINE_EVERY_NANOS || done >= total) {
            lastLine = System.nanoTime();
            out.printf("replay: %3.0f%%  %s%n", fraction * 100, figures);
        }
    }
}
