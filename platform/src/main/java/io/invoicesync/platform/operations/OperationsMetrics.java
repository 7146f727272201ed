package io.invoicesync.platform.operations;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics both apps share, beside Axon's own (axon-micrometer): every command by its outcome, and each processing
 * group's lag behind the head of the event store. Names and PromQL in the README, "Operating it".
 */
@Configuration(proxyBeanMethods = false)
public class OperationsMetrics {

    /**
     * Axon's own metrics (processor latency and capacity, message counts and timers per bus and processor), as
     * dimensional meters in the app's registry. Registered here, not by Axon's auto-configuration: that one orders
     * itself after Spring Boot 3's meter registry configuration, which Boot 4 moved, so it never saw the registry.
     * A processor's are for the events it handles ({@link HandledEventsOnly}).
     */
    @Bean
    @SuppressWarnings("unchecked")
    public ConfigurerModule axonMetrics(MeterRegistry registry) {
        GlobalMetricRegistry metrics = new GlobalMetricRegistry(registry);
        return configurer -> configurer.configureMessageMonitor(axon -> (componentType, componentName) -> {
            MessageMonitor<Message<?>> monitor =
                    (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(componentType, componentName);
            if (!EventProcessor.class.isAssignableFrom(componentType)) {
                return monitor;
            }
            return new HandledEventsOnly(monitor, () -> axon.eventProcessingConfiguration()
                    .eventProcessor(componentName, AbstractEventProcessor.class)
                    .map(AbstractEventProcessor::eventHandlerInvoker).orElse(null));
        });
    }

    /**
     * {@code invoicesync_commands_total{command, outcome}}: accepted (committed), refused (a business rule or a
     * state said no) or failed (anything else); counted when the command's unit of work commits or rolls back.
     */
    @Bean
    public ConfigurerModule commandsCountedByOutcome(MeterRegistry registry) {
        return configurer -> configurer.onInitialize(axon -> axon.onStart(() ->
                axon.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
                    String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
                    unitOfWork.afterCommit(u -> count(registry, command, "accepted"));
                    unitOfWork.onRollback(u -> count(registry, command, outcomeOf(u)));
                    return chain.proceed();
                })));
    }

    private static String outcomeOf(UnitOfWork<?> unitOfWork) {
        Throwable failure = unitOfWork.getExecutionResult() == null ? null
                : unitOfWork.getExecutionResult().getExceptionResult();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessRuleViolation) {
                return "refused";
            }
        }
        return "failed";
    }

    private static void count(MeterRegistry registry, String command, String outcome) {
        Counter.builder("invoicesync.commands").description("Commands handled, by outcome")
                .tag("command", command).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * {@code invoicesync_processor_lag_events{processing_group}}: events between a group's position here and the head
     * (0 for a subscribing group, and where this node holds none of its segments; never NaN);
     * {@code invoicesync_processor_running{processing_group}}: 1 while it runs here without an error, a subscribing
     * group included.
     */
    @Bean
    public ConfigurerModule processorLagGauges(MeterRegistry registry, ProcessingGroupsHealthIndicator groups) {
        return configurer -> configurer.onInitialize(axon -> axon.onStart(() -> {
            EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
            processing.eventProcessors().keySet().forEach(group -> Gauge.builder("invoicesync.processor.lag", () -> {
                ProcessingGroupsHealthIndicator.GroupState state = groups.groups().get(group);
                return state == null ? 0 : state.lag();
            }).baseUnit("events").description("Events between the group's position on this node and the store's head")
                    .tag("processing_group", group).register(registry));
            // 1 while the group runs here without an error, 0 when it is stopped or retrying behind one.
            processing.eventProcessors().keySet().forEach(group -> Gauge.builder("invoicesync.processor.running",
                            () -> groups.runsWithoutError(group) ? 1 : 0)
                    .description("Whether the group runs on this node without an error (1) or not (0)")
                    .tag("processing_group", group).register(registry));
        }));
    }
}
