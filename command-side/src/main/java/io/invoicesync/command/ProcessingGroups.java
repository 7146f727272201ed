package io.invoicesync.command;

/** The command side's processing groups, by name: the names key their tokens and their settings. */
public final class ProcessingGroups {

    /**
     * Lookups that command handlers read (the backlog ledger, the prerequisites, the job that owns the maps): a
     * subscribing group, so they commit with the events that change them (command-side.yml).
     */
    public static final String COMMAND_LOOKUPS = "command-lookups";
    /** The invoices the query side failed, read from the event store by a tracking processor (retry, dismiss). */
    public static final String FAILED_INVOICES = "failed-invoices";

    private ProcessingGroups() {
    }
}
