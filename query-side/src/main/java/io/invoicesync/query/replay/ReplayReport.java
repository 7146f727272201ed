package io.invoicesync.query.replay;

import java.util.List;

/**
 * What a replay did, or (dry run) would do. {@code verified} is null unless asked; false means the rebuilt model
 * differs from the one before.
 */
public record ReplayReport(String processingGroup, boolean dryRun, List<String> tablesReset, long eventsToRead,
                           long eventsRead, double seconds, double eventsPerSecond,
                           FinanceChecksum.Checksum before, FinanceChecksum.Checksum after, Boolean verified) {
}
