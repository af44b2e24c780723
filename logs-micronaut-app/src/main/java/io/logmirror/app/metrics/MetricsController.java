package io.logmirror.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /metrics}: every meter in Prometheus's text exposition format (version 0.0.4), for a Prometheus server
 * to scrape. The names are listed in docs/metrics.md; {@code promtool check metrics} accepts the output.
 */
@Controller
public class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "Prometheus metrics", description = "Sync, transfer, category, lag, follower, request, search "
            + "and sink metrics in Prometheus's text format.")
    @Get(value = "/metrics", produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).contentType(PROMETHEUS_TEXT);
    }
}
