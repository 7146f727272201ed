package io.invoicesync.command;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the query side is, for the command side ({@code invoicesync.query-side.*}).
 *
 * @param url      the query side's base URL (INVOICESYNC_QUERY_SIDE_URL, default http://localhost:8081):
 *                 real-time sync calls it, and the Location of a created proforma or job points there
 * @param user     the service account real-time sync signs in with (default sync)
 * @param password that account's password in plain (INVOICESYNC_SYNC_PASSWORD); blank: the one made on first
 *                 start and kept in the credentials file both apps share
 */
@ConfigurationProperties("invoicesync.query-side")
public record QuerySideProperties(String url, String user, String password) {

    public QuerySideProperties {
        // Stripped once here, so that every URL built on it has exactly one slash before the path.
        url = (url == null || url.isBlank() ? "http://localhost:8081" : url).replaceAll("/+$", "");
        user = user == null || user.isBlank() ? "sync" : user;
        password = password == null ? "" : password;
    }
}
