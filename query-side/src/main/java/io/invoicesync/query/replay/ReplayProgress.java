package io.invoicesync.query.replay;

/** Receives a replay's progress: events done of the total, as often as the replay looks. */
@FunctionalInterface
public interface ReplayProgress {

    void update(long done, long total, double eventsPerSecond);

    ReplayProgress NONE = (done, total, rate) -> {
    };
}
