package io.invoicesync.query.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the command side is, for the query side ({@code invoicesync.command-side.*}).
 *
 * @param url the command side's base URL (INVOICESYNC_COMMAND_SIDE_URL, default
 *            http://localhost:${COMMAND_SIDE_PORT:8080}): the console's Run, Stop, Retry and Dismiss are
 *            passed on there
 */
@ConfigurationProperties("invoicesync.command-side")
public record CommandSideProperties(String url) {

    public CommandSideProperties {
        url = (url == null || url.isBlank() ? "http://localhost:8080" : url).replaceAll("/+$", "");
    }
}
