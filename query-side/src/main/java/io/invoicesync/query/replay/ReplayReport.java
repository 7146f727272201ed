package io.invoicesync.query.replay;

import java.util.List;

/**
 * What a replay did, or (dry run) would do. {@code verified} is null unless asked; false means the rebuilt model
 * differs from the one before. {@code indexesRebuilt}: the Finance indexes and foreign keys the replay dropped and
 * built again at its end (null for a dry run); {@code seconds} includes that.
 */
public record ReplayReport(String processingGroup, boolean dryRun, List<String> tablesReset, long eventsToRead,
                           long eventsRead, double seconds, double eventsPerSecond,
                           FinanceChecksum.Checksum before, FinanceChecksum.Checksum after, Boolean verified,
                           FinanceIndexes.Rebuilt indexesRebuilt) {
}
