package io.invoicesync.command.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the answers to writes sent with an {@code Idempotency-Key} are kept ({@code invoicesync.idempotency.*}).
 *
 * @param keysLiveFor  how long a key and its answer are kept (default 24 hours): the same request sent again within
 *                     this time gets the stored answer; after it, a key may be used for another request
 * @param runningLease how long a request that has not answered yet holds its key (default 5 minutes): a request sent
 *                     again meanwhile is refused 409; after it, the first is taken as lost (its process died before it
 *                     could store its answer) and the request is carried out again
 */
@ConfigurationProperties("invoicesync.idempotency")
public record IdempotencyProperties(Duration keysLiveFor, Duration runningLease) {

    public IdempotencyProperties {
        keysLiveFor = keysLiveFor == null ? Duration.ofHours(24) : keysLiveFor;
        runningLease = runningLease == null ? Duration.ofMinutes(5) : runningLease;
    }
}
