package io.logmirror.app.metrics;

import io.logmirror.core.LogEvent;
import io.logmirror.core.LogMirror;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;
import io.logmirror.core.feed.Change;
import io.logmirror.core.feed.FeedSubscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mirror's own meters: what a sync did and how long it took, what it transferred, how it failed, and how far the
 * mirror lags behind the remote.
 *
 * <p>Transfers are counted from the change feed (exact: one count per committed change, whatever started the sync).
 * Sync durations and per-file failures come from each sync's report, picked up from the engine's status once a second.
 * Counting starts when the server starts, before the first sync (this listener runs before the one that starts the
 * schedule).
 */
@Singleton
public class SyncMetrics {

    // Looked up at server start, not when the bean is built: the engine's settings may still be on their way then.
    private final Provider<LogMirror> engine;
    private volatile LogMirror mirror;
    private final ScheduledExecutorService observer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "logmirror-sync-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final Timer syncDuration;
    private final Counter bytesTransferred;
    private final Counter filesTransferred;
    private final Counter fileFailures;
    private final Counter syncFailures;
    private volatile FeedSubscription changes;
    private final Instant started;
    private final AtomicReference<Instant> lastReportSeen = new AtomicReference<>(Instant.EPOCH);
    private volatile long failedSyncsSeen;

    public SyncMetrics(Provider<LogMirror> engine, MeterRegistry registry) {
        this(engine, registry, Clock.systemUTC());
    }

    SyncMetrics(Provider<LogMirror> engine, MeterRegistry registry, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.started = clock.instant();
        this.syncDuration = Timer.builder("logmirror.sync.duration")
                .description("How long each sync took, listing and transfers included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
        this.bytesTransferred = Counter.builder("logmirror.transferred").baseUnit("bytes")
                .description("Bytes written into the mirror: new files, appended bytes and rewritten files")
                .register(registry);
        this.filesTransferred = Counter.builder("logmirror.transferred.files")
                .description("Files added, grown or rewritten in the mirror")
                .register(registry);
        this.fileFailures = Counter.builder("logmirror.sync.failures").tag("kind", "file")
                .description("Failures: 'file' when one file could not be mirrored, 'sync' when a whole sync failed")
                .register(registry);
        this.syncFailures = Counter.builder("logmirror.sync.failures").tag("kind", "sync")
                .description("Failures: 'file' when one file could not be mirrored, 'sync' when a whole sync failed")
                .register(registry);
        registry.gauge("logmirror.remote.lag.seconds", this, SyncMetrics::lagSeconds);
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    synchronized void onStartup(ServerStartupEvent event) {
        if (mirror != null) {
            return;
        }
        LogMirror engine = this.engine.get();
        SyncStatus status = engine.status();
        failedSyncsSeen = status.failedSyncs();
        status.lastReport().ifPresent(report -> lastReportSeen.set(report.started()));
        changes = engine.changes().subscribe(this::count);
        mirror = engine;
        observer.scheduleWithFixedDelay(this::observe, 1, 1, TimeUnit.SECONDS);
    }

    private void count(Change change) {
        LogEvent event = change.event();
        long bytes;
        if (event instanceof LogEvent.Appended appended) {
            bytes = appended.entry().size() - appended.previousSize();
        } else if (event instanceof LogEvent.Added || event instanceof LogEvent.Replaced) {
            bytes = event.entry().size();
        } else {
            return;
        }
        bytesTransferred.increment(bytes);
        filesTransferred.increment();
    }

    /** Picks up the report of a sync that ended since the last look. */
    void observe() {
        SyncStatus status = mirror.status();
        Optional<SyncReport> report = status.lastReport();
        if (report.isPresent() && report.get().started().isAfter(lastReportSeen.get())) {
            lastReportSeen.set(report.get().started());
            syncDuration.record(report.get().duration());
            fileFailures.increment(report.get().failures().size());
        }
        long failed = status.failedSyncs();
        if (failed > failedSyncsSeen) {
            syncFailures.increment(failed - failedSyncsSeen);
            failedSyncsSeen = failed;
        }
    }

    /**
     * The age of the oldest remote change the mirror may not have yet: the time since the last successful sync
     * started (a change made on the remote after that moment is not mirrored until the next sync or follow).
     * Before the first successful sync it is the time since the service started.
     */
    double lagSeconds() {
        LogMirror mirror = this.mirror;
        if (mirror == null) {
            return Math.max(0, Duration.between(started, clock.instant()).toMillis() / 1000.0);
        }
        Instant since = mirror.status().lastReport().map(SyncReport::started).orElse(started);
        return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    @PreDestroy
    void close() {
        observer.shutdownNow();
        if (changes != null) {
            changes.close();
        }
    }
}
