package io.invoicesync.query.replay;

import java.time.Instant;

/** Where a processing group's segment stands against the head of the event store. */
public record ProcessorStatus(String processingGroup, int segment, Long position, long head, Long lag,
                              boolean replaying, String owner, Instant claimedAt) {
}
