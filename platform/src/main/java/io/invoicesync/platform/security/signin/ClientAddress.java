package io.invoicesync.platform.security.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/**
 * The address a request came from, as far as it can be trusted: the connection's own, unless that is a configured
 * reverse proxy, whose {@code X-Forwarded-For} then names the client (its right-most address that is no trusted proxy:
 * what a client writes there itself is further left, and worth nothing). Without trusted proxies the header is
 * ignored, since anyone can send it.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(HttpServletRequest request) {
        String connection = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(connection)) {
            return connection;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return connection;
    }
}
