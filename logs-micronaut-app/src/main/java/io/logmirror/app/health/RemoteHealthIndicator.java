package io.logmirror.app.health;

import io.logmirror.app.config.AppSettings;
import io.logmirror.app.http.SyncFailures;
import io.logmirror.core.LogMirror;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote's health under {@code /management/health}: UP while the most recent sync succeeded (or none has
 * finished yet), DOWN with the last error after a failed one; details say where the mirror comes from.
 * <p>
 * Files the last completed sync could not bring up to date are in the details ({@code files_failed}, and
 * {@code first_failure}: the first by path, as {@code /status} lists them) but leave the status UP: one file the
 * remote will not let us read would otherwise keep the service DOWN for good. A full data disk, the usual cause of
 * many failures at once, turns {@link DataDiskHealthIndicator} DOWN instead.
 */
@Singleton
public class RemoteHealthIndicator implements HealthIndicator {

    private final LogMirror mirror;
    private final AppSettings settings;

    public RemoteHealthIndicator(LogMirror mirror, AppSettings settings) {
        this.mirror = mirror;
        this.settings = settings;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        SyncStatus status = mirror.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", settings.mode().wireName());
        details.put("source", mirror.config().source().describe());
        details.put("reachable", status.lastError().isEmpty());
        details.put("successful_syncs", status.successfulSyncs());
        details.put("failed_syncs", status.failedSyncs());
        details.put("consecutive_failures", status.consecutiveFailures());
        status.lastError().ifPresent(error -> details.put("last_error", error));
        List<SkippedEntry> failures = status.lastReport().map(SyncReport::failures).orElse(List.of());
        details.put("files_failed", failures.size());
        // The first of what /status lists, by the same code, so that the two always agree.
        SyncFailures.shown(failures).stream().findFirst().ifPresent(first -> details.put("first_failure", first));
        HealthStatus health = status.lastError().isPresent() ? HealthStatus.DOWN : HealthStatus.UP;
        return Publishers.just(HealthResult.builder("remote", health).details(details).build());
    }
}
