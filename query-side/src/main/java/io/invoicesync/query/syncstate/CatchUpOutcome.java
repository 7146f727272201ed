package io.invoicesync.query.syncstate;

import java.time.Duration;

/** How a resume's catch-up stands against its estimate ({@link SyncProgressReader.CatchUp}). */
public enum CatchUpOutcome implements Labelled {
    /** Under way, and at the current pace it ends within the estimate. */
    ON_TRACK("On track"),
    /** Under way, and at the current pace it ends later than estimated: {@code correctedAt} is the new estimate. */
    RUNNING_LATE("Running late"),
    /** Under way with no pace to estimate by (the job never wrote, or nothing written lately). */
    NO_ESTIMATE("No estimate"),
    /** Done within the estimate (and its tolerance). */
    MET("Met"),
    /** Done, later than the estimate and its tolerance. */
    LATE("Late"),
    /** Done; there was no estimate to meet. */
    CAUGHT_UP("Caught up");

    private final String label;

    CatchUpOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** An estimate is met when the catch-up ends within 10 % of it, and never less than 5 s, after it. */
    public static Duration tolerance(long estimatedSeconds) {
        return Duration.ofSeconds(Math.max(5, (long) Math.ceil(estimatedSeconds * 0.1)));
    }
}
