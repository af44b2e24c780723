package io.logmirror.core.internal;

import io.logmirror.core.SyncProgress;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;
import io.logmirror.core.internal.sync.MirrorSyncer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When syncs run: one at a time on {@code logmirror-sync} (a request while one runs joins it), and, once started, the
 * next one {@code interval} after each ends, or after a failure {@code interval · 2^failures} capped at
 * {@code maxBackoff}, planned by {@code logmirror-scheduler}. Thread-safe.
 */
final class SyncSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncSchedule.class);
    private static final long PROGRESS_LOG_SECONDS = 5;

    private final MirrorSyncer syncer;
    private final String source;
    private final Duration interval;
    private final Duration maxBackoff;
    private final MirrorStatus status;
    private final ExecutorService syncThread = Executors.newSingleThreadExecutor(r -> new SyncThread(r, "logmirror-sync"));
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new SyncThread(r, "logmirror-scheduler"));

    private final Object lock = new Object();
    private CompletableFuture<SyncReport> running;
    private ScheduledFuture<?> scheduled;
    private Instant nextSync;
    private boolean started;
    private boolean closed;

    SyncSchedule(MirrorSyncer syncer, String source, Duration interval, Duration maxBackoff) {
        this.syncer = syncer;
        this.source = source;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.status = new MirrorStatus(source);
    }

    /** Starts the schedule (a sync now); false when it had started already. */
    boolean start() {
        synchronized (lock) {
            checkOpen();
            if (started) {
                return false;
            }
            started = true;
        }
        request();
        return true;
    }

    CompletableFuture<SyncReport> request() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "mirror of " + source + " is closed; open a new one"));
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
            status.progress = SyncProgress.NONE;
            syncThread.execute(() -> run(future));
            return future;
        }
    }

    private void run(CompletableFuture<SyncReport> future) {
        long startNanos = System.nanoTime();
        ScheduledFuture<?> progressLog = null;
        try {
            // A readable pace for long syncs: one line every few seconds, even while the listing runs.
            progressLog = scheduler.scheduleAtFixedRate(
                    () -> status.logProgress(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos)),
                    PROGRESS_LOG_SECONDS, PROGRESS_LOG_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException closing) {
            // the mirror is closing; the sync stops at once anyway
        }
        SyncReport report = null;
        Throwable failure = null;
        try {
            report = syncer.sync(p -> status.progress = p);
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
            status.progress = SyncProgress.NONE;
            if (report != null) {
                status.succeeded(now, report);
            } else if (failure instanceof CancellationException) {
                status.cancelled(now);
            } else {
                status.failed(now, failure);
            }
            if (started && !closed) {
                scheduleNext();
            }
        }
        if (report != null) {
            status.log(report);
            future.complete(report);
        } else {
            if (failure instanceof CancellationException) {
                LOG.info("sync of {} cancelled", source);
            } else {
                LOG.warn("sync of {} failed ({} in a row); next try {}: {}", source, status.consecutiveFailures(),
                        nextSync == null ? "not scheduled" : nextSync, failure.toString());
            }
            future.completeExceptionally(failure);
        }
    }

    /** Plans the next scheduled sync one interval (or back-off) after now; the caller holds the lock. */
    private void scheduleNext() {
        Duration delay = delay(interval, maxBackoff, status.consecutiveFailures());
        nextSync = Instant.now().plus(delay);
        scheduled = scheduler.schedule(this::request, delay.toMillis(), TimeUnit.MILLISECONDS);
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

    SyncStatus status() {
        synchronized (lock) {
            return status.snapshot(running != null, Optional.ofNullable(nextSync));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("mirror of " + source + " is closed; open a new one");
        }
    }

    /**
     * Stops the schedule, interrupts a running sync and waits for it to stop (it cancels its transfers), then
     * completes its future with a {@link CancellationException}.
     */
    @Override
    public void close() {
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
        syncThread.shutdownNow();
        try {
            if (!syncThread.awaitTermination(90, TimeUnit.SECONDS)) {
                LOG.warn("sync of {} did not stop within 90 s of closing", source);
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
    }
}
