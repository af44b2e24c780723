package io.logmirror.app.metrics;

import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogMirror;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.function.ToLongFunction;

/**
 * Files and bytes per category, read from the store's index at each scrape (the index answers without touching the
 * disk). One series per category the categorizer knows, empty ones included.
 */
@Singleton
public class CategoryMetrics {

    // Looked up at server start, not when the registry is built: the registry is made early (executors report to it),
    // before the engine's settings are known.
    private final Provider<LogMirror> mirror;
    private final MeterRegistry registry;

    public CategoryMetrics(Provider<LogMirror> mirror, MeterRegistry registry) {
        this.mirror = mirror;
        this.registry = registry;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        LogMirror mirror = this.mirror.get();
        for (Category category : mirror.categories()) {
            register(registry, mirror, category, "logmirror.category.files", null,
                    "Current files in the mirror, per category", CategoryStats::fileCount);
            register(registry, mirror, category, "logmirror.category.size", "bytes",
                    "Bytes of the current files in the mirror, per category", CategoryStats::totalBytes);
        }
    }

    private static void register(MeterRegistry registry, LogMirror mirror, Category category, String name,
                                 String unit, String description, ToLongFunction<CategoryStats> value) {
        Gauge.builder(name, () -> mirror.store().statsByCategory().stream()
                        .filter(stats -> stats.category().equals(category))
                        .mapToLong(value).sum())
                .tag("category", category.name())
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }
}
