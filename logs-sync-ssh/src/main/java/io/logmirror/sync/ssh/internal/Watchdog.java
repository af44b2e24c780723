package io.logmirror.sync.ssh.internal;

import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes an exec channel whose output stalls for longer than the read timeout. sshj's channel streams wait forever,
 * and keep-alive replies keep the socket busy, so a remote {@code find} stuck on a hung file system would otherwise
 * hold the listing (and the sync) forever. Progress, not total time, is watched: a big tree may take long.
 */
final class Watchdog implements Closeable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ssh-listing-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private Watchdog(long timeoutMillis, Runnable onStall) {
        long period = Math.max(50, timeoutMillis / 4);
        task = TIMER.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)
                    && fired.compareAndSet(false, true)) {
                onStall.run();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts watching; {@code onStall} runs once when {@link #progress()} was not called for {@code timeoutMillis}. */
    static Watchdog start(long timeoutMillis, Runnable onStall) {
        return new Watchdog(timeoutMillis <= 0 ? 60_000 : timeoutMillis, onStall);
    }

    /** Output arrived. */
    void progress() {
        lastProgress.set(System.nanoTime());
    }

    /** Whether it closed the channel. */
    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
