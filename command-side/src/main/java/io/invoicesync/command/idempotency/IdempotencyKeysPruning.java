package io.invoicesync.command.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes expired keys every ten minutes, on every command-side node (deleting what another deleted is nothing), and
 * frees the keys of requests abandoned while the database was away every two seconds.
 */
@Configuration
@EnableScheduling
class IdempotencyKeysPruning {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeysPruning.class);

    private final IdempotencyKeys keys;

    IdempotencyKeysPruning(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelayString = "PT2S")
    void freeAbandoned() {
        keys.freeAbandoned();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void prune() {
        try {
            int pruned = keys.prune();
            if (pruned > 0) {
                log.info("Pruned {} expired idempotency keys", pruned);
            }
        } catch (DataAccessException away) {
            // The database away: the next round prunes what this one could not.
            log.warn("Pruning idempotency keys skipped: {}", away.getMessage());
        }
    }
}
