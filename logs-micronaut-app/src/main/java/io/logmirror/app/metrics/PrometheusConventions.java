package io.logmirror.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Keeps {@code /metrics} clean for {@code promtool check metrics}: every meter gets help text (Micronaut's and
 * Micrometer's own binders leave some without), and the two JVM meters whose names break Prometheus's naming rules
 * ({@code process_cpu_time_ns_total}: an abbreviated unit; {@code system_cpu_count}: a {@code _count} suffix on a
 * gauge) are left out; {@code process_cpu_usage} and {@code system_cpu_usage} say the same. The service makes no
 * calls through Micronaut's HTTP client, so its request meter (camelCase labels) is left out too.
 */
@Singleton
public class PrometheusConventions implements MeterFilter {

    private static final Set<String> LEFT_OUT = Set.of("process.cpu.time", "system.cpu.count", "http.client.requests");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return LEFT_OUT.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getDescription() != null && !id.getDescription().isBlank()) {
            return id;
        }
        return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(),
                describe(id.getName()), id.getType());
    }

    private static String describe(String name) {
        return switch (name) {
            case "http.server.requests" -> "HTTP requests served, by method, route, status and outcome";
            case "executor" -> "Time tasks spent running on an executor";
            default -> "Micrometer meter " + name;
        };
    }
}
