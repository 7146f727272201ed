package io.invoicesync.command.integrationjob;

/** Draft while maps are added, Saved when complete, Active while running, Stopped (paused) after a stop. */
public enum JobStatus {
    DRAFT,
    SAVED,
    ACTIVE,
    STOPPED
}
