package io.invoicesync.kernel.sync;

/** ASYNC: by an active integration job, in the background. REAL_TIME: inside the confirm request, at most 1,000 lines. */
public enum SyncMode {
    ASYNC,
    REAL_TIME
}
