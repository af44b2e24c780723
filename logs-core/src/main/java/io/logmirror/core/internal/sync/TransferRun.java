package io.logmirror.core.internal.sync;

import io.logmirror.core.LogPath;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncProgress;
import io.logmirror.core.internal.store.DiskErrors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sync's shared counters, progress and failures; thread-safe. */
final class TransferRun {

    private static final Logger LOG = LoggerFactory.getLogger(TransferRun.class);
    private static final long PROGRESS_STEP = 1 << 20;

    /** What a file's transfer came to. */
    enum Outcome { UNCHANGED, ADDED, GROWN, REPLACED, TOUCHED, FAILED, CANCELLED }

    private final Consumer<SyncProgress> listener;
    private final int filesTotal;
    private final long bytesTotal;
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong bytesFetched = new AtomicLong();
    private final AtomicLong lastReported = new AtomicLong();
    private final List<SkippedEntry> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger grown = new AtomicInteger();
    final AtomicInteger replaced = new AtomicInteger();
    volatile boolean cancelled;

    TransferRun(Consumer<SyncProgress> listener, int filesTotal, long bytesTotal) {
        this.listener = listener;
        this.filesTotal = filesTotal;
        this.bytesTotal = bytesTotal;
    }

    void fetched(long n) {
        bytesFetched.addAndGet(n);
        long done = bytesDone.addAndGet(n);
        long last = lastReported.get();
        if (done - last >= PROGRESS_STEP && lastReported.compareAndSet(last, done)) {
            report();
        }
    }

    void done(Outcome outcome) {
        switch (outcome) {
            case ADDED -> added.incrementAndGet();
            case GROWN -> grown.incrementAndGet();
            case REPLACED -> replaced.incrementAndGet();
            default -> { }
        }
        filesDone.incrementAndGet();
        report();
    }

    /** Records a failed file (unless the sync is being cancelled, which explains any failure). */
    void failed(LogPath path, String what, Exception e) {
        if (cancelled) {
            LOG.debug("transfer of {} stopped by cancellation ({})", path, e.toString());
            return;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof DiskErrors.LocalWriteException || e.getClass() == java.io.IOException.class
                ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        failures.add(SkippedEntry.ofRawName(path.toString(), what + " (" + message + "); what is on disk is kept and "
                + "the next sync retries it"));
        LOG.debug("sync of {} failed", path, e);
    }

    long bytesFetched() {
        return bytesFetched.get();
    }

    List<SkippedEntry> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    void report() {
        try {
            listener.accept(new SyncProgress(filesDone.get(), filesTotal, bytesDone.get(),
                    Math.max(bytesTotal, bytesDone.get())));
        } catch (RuntimeException e) {
            LOG.warn("sync progress listener failed; ignored", e);
        }
    }
}
