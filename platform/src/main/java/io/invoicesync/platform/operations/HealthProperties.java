package io.invoicesync.platform.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When {@code /actuator/health} says DOWN ({@code invoicesync.health.*}).
 *
 * @param processorLagThreshold events a processing group may lag behind the head of the event store before its
 *                              indicator, and so the app, reports DOWN (default 10000)
 */
@ConfigurationProperties("invoicesync.health")
public record HealthProperties(Long processorLagThreshold) {

    public HealthProperties {
        processorLagThreshold = processorLagThreshold == null ? 10_000L : processorLagThreshold;
    }
}
