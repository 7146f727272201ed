package io.invoicesync.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * A bean the command-line tools ({@code tools.ToolContext}) must not start: it publishes events (the coordinator, the
 * saga, the node heartbeat) or works a queue beside the app (the reconciliation worker). One condition, one place.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = RunsOnlyInTheApp.TOOL_PROPERTY, havingValue = "false", matchIfMissing = true)
public @interface RunsOnlyInTheApp {

    /** Set by the tools' context; never by the app. */
    String TOOL_PROPERTY = "invoicesync.replay.command-line";
}
