package io.logmirror.app.metrics;

import io.logmirror.app.config.Sinks;
import io.logmirror.core.sink.SinkStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Per sink (Loki, OpenSearch): lines waiting in its queue, delivered, retried and dropped, read from the sinks' own
 * counters at each scrape. Registered once the sinks have started (this listener runs after theirs).
 */
@Singleton
public class SinkMetrics {

    private final Provider<Sinks> sinks;
    private final MeterRegistry registry;

    public SinkMetrics(Provider<Sinks> sinks, MeterRegistry registry) {
        this.sinks = sinks;
        this.registry = registry;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onStartup(ServerStartupEvent event) {
        Sinks running = sinks.get();
        for (SinkStats started : running.stats()) {
            String name = started.name();
            Gauge.builder("logmirror.sink.queue", running, s -> stat(s, name, SinkStats::queueDepth))
                    .tag("sink", name).baseUnit("lines")
                    .description("Lines and markers waiting in the sink's queue").register(registry);
            counter(running, name, "logmirror.sink.delivered", "Lines the sink's backend accepted",
                    SinkStats::linesDelivered);
            counter(running, name, "logmirror.sink.retried", "Lines sent again after a failure",
                    SinkStats::linesRetried);
            counter(running, name, "logmirror.sink.dropped", "Lines the backend refused for good (never retried)",
                    SinkStats::linesDropped);
        }
    }

    private void counter(Sinks running, String name, String meter, String description,
                         ToLongFunction<SinkStats> value) {
        FunctionCounter.builder(meter, running, s -> stat(s, name, value::applyAsLong))
                .tag("sink", name).baseUnit("lines").description(description).register(registry);
    }

    private static double stat(Sinks sinks, String name, ToDoubleFunction<SinkStats> value) {
        return sinks.stats().stream().filter(s -> s.name().equals(name)).mapToDouble(value).findFirst().orElse(0);
    }
}
