package io.invoicesync.command.parameters;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dual-write prerequisites the command side checks ({@code invoicesync.integration.*}).
 *
 * @param minimumCoreSolutionVersion the first dual-write core solution release that supports asynchronous invoicing
 *                                   (INVOICESYNC_MIN_CORE_SOLUTION, default 1.0.24093.1); a job
 *                                   refuses to run against an older one
 */
@ConfigurationProperties("invoicesync.integration")
public record IntegrationProperties(String minimumCoreSolutionVersion) {

    public IntegrationProperties {
        minimumCoreSolutionVersion = minimumCoreSolutionVersion == null || minimumCoreSolutionVersion.isBlank()
                ? "1.0.24093.1" : minimumCoreSolutionVersion;
    }
}
