package io.invoicesync.query;

import io.invoicesync.platform.security.ApiAccessRules;
import io.invoicesync.platform.security.BrowserSession;
import io.invoicesync.platform.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * G8 on the query side: finance readers and integration admins read; integration admins keep Finance's customer
 * holds and act on jobs from the console; project managers read their proformas back; only the command side's
 * service account asks for a real-time sync.
 */
@Component
class QueryApiAccess implements ApiAccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        // The console's page is static and holds no data: anyone may load it, and it signs in to read anything.
        requests.requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/*").permitAll()
                // A browser asks for it by itself, without credentials: there is none, and it is told so (404).
                .requestMatchers(HttpMethod.GET, "/favicon.ico").permitAll()
                // Signing in and out, and asking whether this browser is: the answer is a 401 when it is not.
                .requestMatchers(BrowserSession.PATH).permitAll()
                .requestMatchers(HttpMethod.POST, "/api/console/**").hasRole(Roles.INTEGRATION_ADMIN)
                // A project manager reads back the proforma they build (where Location of a create points).
                .requestMatchers(HttpMethod.GET, "/api/proformas/**").hasAnyRole(Roles.PROJECT_MANAGER,
                        Roles.FINANCE_READER, Roles.INTEGRATION_ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/real-time-sync/**").hasRole(Roles.SYNC_SERVICE)
                .requestMatchers(HttpMethod.PUT, "/api/finance/customers/**").hasRole(Roles.INTEGRATION_ADMIN)
                .requestMatchers("/api/replay/**").hasRole(Roles.INTEGRATION_ADMIN)
                // Tying out is Finance's own check: a reader may ask for it; it changes no Finance row.
                .requestMatchers(HttpMethod.POST, "/api/reconciliations").hasAnyRole(Roles.FINANCE_READER,
                        Roles.INTEGRATION_ADMIN)
                // Rewriting an invoice's Finance rows is an admin's repair.
                .requestMatchers(HttpMethod.POST, "/api/integration-jobs/*/invoices/*/resync").hasRole(
                        Roles.INTEGRATION_ADMIN)
                // A preflight reads what a run would meet and writes nothing: whoever reads the job may ask it.
                .requestMatchers(HttpMethod.POST, "/api/integration-jobs/*/preflight").hasAnyRole(
                        Roles.FINANCE_READER, Roles.INTEGRATION_ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Roles.FINANCE_READER, Roles.INTEGRATION_ADMIN);
    }
}
