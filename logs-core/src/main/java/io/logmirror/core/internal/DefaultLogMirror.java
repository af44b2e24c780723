package io.logmirror.core.internal;

import io.logmirror.core.Categorizer;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogListener;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogStore;
import io.logmirror.core.SyncProgress;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: one sync at a time on its own thread ({@code logmirror-sync}), a scheduler thread
 * ({@code logmirror-scheduler}) that plans the next sync one interval after each one ends (backing off after
 * failures), and listeners called on the sync's threads.
 */
public final class DefaultLogMirror implements LogMirror {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultLogMirror.class);
    private static final long PROGRESS_LOG_SECONDS = 5;

    private final LogMirrorConfig config;
    private final FsLogStore store;
    private final MirrorSyncer syncer;
    private final CopyOnWriteArrayList<LogListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService syncThread;
    private final ScheduledExecutorService scheduler;

    private final Object lock = new Object();
    private CompletableFuture<SyncReport> running;
    private ScheduledFuture<?> scheduled;
    private Instant nextSync;
    private boolean started;
    private boolean closed;
    private volatile SyncProgress progress = SyncProgress.NONE;
    private long successfulSyncs;
    private long failedSyncs;
    private Instant lastSuccess;
    private Instant lastFinished;
    private SyncReport lastReport;
    private String lastError;
    private int consecutiveFailures;

    private DefaultLogMirror(LogMirrorConfig config, FsLogStore store) {
        this.config = config;
        this.store = store;
        this.syncer = new MirrorSyncer(config.source(), store, config.categorizer(), config.parallelism(),
                config.growthCheckWindow(), config.excludes(), this::publish);
        this.syncThread = Executors.newSingleThreadExecutor(daemon("logmirror-sync"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("logmirror-scheduler"));
    }

    /** Opens the store under the config's data folder and returns an engine that has not started. */
    public static LogMirror open(LogMirrorConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        if (config.source() instanceof io.logmirror.core.LocalDirectorySource local
                && realPathOf(config.dataDirectory()).startsWith(local.folder())) {
            throw new IllegalArgumentException("data folder " + config.dataDirectory() + " is inside the mirrored folder "
                    + local.folder() + ": the mirror would copy itself; put the data folder elsewhere");
        }
        FsLogStore store = FsLogStore.open(config.dataDirectory(), config.categorizer(), config.categorizedLinks());
        try {
            DefaultLogMirror mirror = new DefaultLogMirror(config, store);
            LOG.info("opened mirror of {} in {} with {} files", config.source().describe(), config.dataDirectory(),
                    store.fileCount());
            return mirror;
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * {@code path} with symlinks resolved, though it may not exist yet: the real path of its nearest existing
     * ancestor, with the rest appended. The source's folder is a real path, so the two compare only this way.
     */
    private static Path realPathOf(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? path : existing.toRealPath().resolve(existing.relativize(path));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> new SyncThread(runnable, name);
    }

    @Override
    public void start() {
        synchronized (lock) {
            checkOpen();
            if (started) {
                return;
            }
            started = true;
        }
        requestSync();
    }

    @Override
    public CompletableFuture<SyncReport> requestSync() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "mirror of " + config.source().describe() + " is closed; open a new one"));
            }
            if (running != null) {
                return running;
            }
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
                nextSync = null;
            }
            CompletableFuture<SyncReport> future = new CompletableFuture<>();
            running = future;
            progress = SyncProgress.NONE;
            syncThread.execute(() -> runSync(future));
            return future;
        }
    }

    private void runSync(CompletableFuture<SyncReport> future) {
        long startNanos = System.nanoTime();
        ScheduledFuture<?> progressLog = null;
        try {
            // A readable pace for long syncs: one line every few seconds, even while the listing runs.
            progressLog = scheduler.scheduleAtFixedRate(() -> logProgress(startNanos), PROGRESS_LOG_SECONDS,
                    PROGRESS_LOG_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the mirror is closing; the sync stops at once anyway
        }
        SyncReport report = null;
        Throwable failure = null;
        try {
            report = syncer.sync(p -> progress = p);
        } catch (InterruptedException e) {
            failure = new CancellationException("sync cancelled because the mirror is closing");
        } catch (Exception | Error e) {
            failure = e;
        }
        if (progressLog != null) {
            progressLog.cancel(false);
        }
        Instant now = Instant.now();
        synchronized (lock) {
            running = null;
            progress = SyncProgress.NONE;
            lastFinished = now;
            if (report != null) {
                successfulSyncs++;
                consecutiveFailures = 0;
                lastSuccess = now;
                lastReport = report;
                lastError = null;
            } else if (!(failure instanceof CancellationException)) {
                failedSyncs++;
                consecutiveFailures++;
                lastError = String.valueOf(failure.getMessage() == null ? failure.toString() : failure.getMessage());
            }
            if (started && !closed) {
                scheduleNext();
            }
        }
        if (report != null) {
            logReport(report);
            future.complete(report);
        } else {
            if (failure instanceof CancellationException) {
                LOG.info("sync of {} cancelled", config.source().describe());
            } else {
                LOG.warn("sync of {} failed ({} in a row); next try {}: {}", config.source().describe(),
                        consecutiveFailures, nextSync == null ? "not scheduled" : nextSync, failure.toString());
            }
            future.completeExceptionally(failure);
        }
    }

    private void logProgress(long startNanos) {
        SyncProgress p = progress;
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        if (p == SyncProgress.NONE) { // the syncer reports its first progress once the listing is compared
            LOG.info("sync of {} running for {} s: listing the remote", config.source().describe(), seconds);
        } else if (p.filesTotal() == 0) {
            LOG.info("sync of {} running for {} s: nothing to transfer, finishing", config.source().describe(), seconds);
        } else {
            LOG.info("sync of {} running for {} s: {}/{} files, {}/{} bytes", config.source().describe(), seconds,
                    p.filesDone(), p.filesTotal(), p.bytesDone(), p.bytesTotal());
        }
    }

    /** Plans the next scheduled sync one interval (or back-off) after now; the caller holds the lock. */
    private void scheduleNext() {
        Duration delay = delay(config.syncInterval(), config.maxBackoff(), consecutiveFailures);
        nextSync = Instant.now().plus(delay);
        scheduled = scheduler.schedule(this::requestSync, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The wait before the next sync: the interval, doubled per consecutive failure, capped at the maximum back-off. */
    static Duration delay(Duration interval, Duration maxBackoff, int failures) {
        if (failures <= 0) {
            return interval;
        }
        Duration delay = interval;
        for (int i = 0; i < failures && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? (interval.compareTo(maxBackoff) > 0 ? interval : maxBackoff) : delay;
    }

    private void logReport(SyncReport report) {
        String summary = String.format("sync of %s: %d files listed, %d added, %d grown, %d replaced, %d gone, "
                        + "%d bytes fetched, %d skipped, %d failed, in %d ms",
                config.source().describe(), report.filesListed(), report.filesAdded(), report.filesGrown(),
                report.filesReplaced(), report.filesGone(), report.bytesFetched(), report.skipped().size(),
                report.failures().size(), report.duration().toMillis());
        LOG.info(summary);
        for (var failure : report.failures()) {
            LOG.warn("sync of {} failed for {}: {}", config.source().describe(), failure.name(), failure.reason());
        }
        if (!report.skipped().isEmpty() && LOG.isDebugEnabled()) {
            report.skipped().forEach(s -> LOG.debug("skipped {}: {}", s.name(), s.reason()));
        }
    }

    @Override
    public SyncReport syncNow() throws IOException, InterruptedException {
        if (Thread.currentThread() instanceof SyncThread) {
            throw new IllegalStateException("syncNow() was called from a listener, on a thread of the sync it would "
                    + "wait for; call requestSync() there instead, it does not block");
        }
        CompletableFuture<SyncReport> future = requestSync();
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("sync of " + config.source().describe() + " failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new InterruptedIOException("sync of " + config.source().describe() + " was cancelled: the mirror closed");
        }
    }

    @Override
    public SyncStatus status() {
        synchronized (lock) {
            return new SyncStatus(running != null, running != null ? progress : SyncProgress.NONE, successfulSyncs,
                    failedSyncs, Optional.ofNullable(lastSuccess), Optional.ofNullable(lastFinished),
                    Optional.ofNullable(lastReport), Optional.ofNullable(lastError), Optional.ofNullable(nextSync),
                    consecutiveFailures);
        }
    }

    @Override
    public LogStore store() {
        return store;
    }

    @Override
    public Categorizer categorizer() {
        return config.categorizer();
    }

    @Override
    public LogMirrorConfig config() {
        return config;
    }

    @Override
    public AutoCloseable subscribe(LogListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(LogEvent event) {
        for (LogListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed on {}; the sync goes on", listener, event, e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("mirror of " + config.source().describe() + " is closed; open a new one");
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
            nextSync = null;
        }
        scheduler.shutdownNow();
        syncThread.shutdownNow(); // interrupts a running sync; it stops its transfers before returning
        try {
            if (!syncThread.awaitTermination(90, TimeUnit.SECONDS)) {
                LOG.warn("sync of {} did not stop within 90 s of closing", config.source().describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<SyncReport> unfinished;
        synchronized (lock) {
            unfinished = running;
            running = null;
        }
        if (unfinished != null) {
            unfinished.completeExceptionally(new CancellationException("sync cancelled because the mirror closed"));
        }
        IOException failure = null;
        syncer.close(); // stops the transfer threads
        try {
            store.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            config.source().close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LogMirror[" + config.source().describe() + " -> " + config.dataDirectory() + "]";
    }

    @Override
    public io.logmirror.core.feed.ChangeFeed changes() {
        throw new UnsupportedOperationException("the change feed is being built (issue 8)");
    }

    @Override
    public io.logmirror.core.feed.LineFeed lines() {
        throw new UnsupportedOperationException("the line feed is being built (issue 8)");
    }

    @Override
    public boolean remove(io.logmirror.core.LogEntry entry) {
        throw new UnsupportedOperationException("removal is being built (issue 8)");
    }
}
