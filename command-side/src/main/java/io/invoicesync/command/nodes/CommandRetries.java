package io.invoicesync.command.nodes;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several command-side nodes on one database (README, "Several command-side nodes"): each node decides on aggregates
 * it checked against the store ({@link StoreCheckedCache}); two nodes appending to one aggregate at once are told
 * apart by the store (one wins, the other gets a {@link ConcurrencyException}), and the loser's command is decided
 * again on the winner's events, inside the same request, up to {@link #RETRIES} times, then answered 409 with a
 * problem that says to retry. Only that conflict is retried: a refusal is the command's answer.
 */
@Configuration(proxyBeanMethods = false)
public class CommandRetries {

    static final int RETRIES = 6;
    /** The first retry waits this long, each next one twice as long (20, 40, ... 640 ms): contenders spread out. */
    static final long BACKOFF_MS = 20;

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ExponentialBackOffIntervalRetryScheduler(
                        ExponentialBackOffIntervalRetryScheduler.builder()
                                .retryExecutor(retries)
                                .maxRetryCount(RETRIES)
                                .backoffFactor(BACKOFF_MS)) {
                    // Axon asks its predicate of every cause in the chain, and the store's conflict has the driver's
                    // SQL exception under it: the whole chain is judged here instead.
                    @Override
                    protected boolean isExplicitlyNonTransient(Throwable failure) {
                        return !isConflict(failure);
                    }
                })
                .build();
    }

    /** A concurrent append to the same aggregate, however deep the store wrapped it. */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
