package io.invoicesync.command.integrationjob;

/**
 * Draft while maps are added, Saved when complete, Active while running, Paused while a run holds still (it goes on
 * when resumed and keeps the maps), Stopped after a stop (the next run is a new one; what was in flight waits for it).
 */
public enum JobStatus {
    DRAFT,
    SAVED,
    ACTIVE,
    PAUSED,
    STOPPED;

    /** Active or paused: the job holds the table maps and a run, so it cannot be edited or run again. */
    public boolean holdsARun() {
        return this == ACTIVE || this == PAUSED;
    }
}
