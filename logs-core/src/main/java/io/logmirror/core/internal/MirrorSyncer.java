package io.logmirror.core.internal;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncProgress;
import io.logmirror.core.SyncProgressListener;
import io.logmirror.core.SyncReport;
import io.logmirror.core.Syncer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirror algorithm (see {@code docs/architecture.md}) over any {@link RemoteSource} into an {@link FsLogStore}.
 *
 * <p>Per remote file, against the local copy whose mtime is the remote mtime of the last completed update:
 * same size and mtime costs no read; a larger remote file gets one {@code open()} from a window before the
 * old end, the window is compared and only the new bytes are appended; anything else (smaller, or same size
 * with another mtime) is fetched whole into staging and, when its bytes differ, replaces the local file after
 * the old one is kept as a generation; new files arrive through staging and an atomic rename; files missing
 * from the listing are kept and marked gone. Transfers run on {@code parallelism} threads; one file's failure
 * is reported and the others go on. Each transfer also asks for one byte past the listed end: receiving it (the
 * file changed while it was read), or a read that ended early, triggers one small second read that checks the
 * bytes before the old end (or the head) again, so a file rewritten mid-transfer never stays a mix of two versions.
 */
public final class MirrorSyncer implements Syncer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorSyncer.class);
    private static final long PROGRESS_STEP = 1 << 20;

    private final RemoteSource source;
    private final FsLogStore store;
    private final Categorizer categorizer;
    private final int parallelism;
    private final int window;
    private final List<Exclude> excludes;
    private final Consumer<LogEvent> events;
    private final ExecutorService pool;

    private record Exclude(String glob, PathMatcher matcher, boolean wholePath) {
        boolean matches(String path) {
            Path candidate = Path.of(wholePath ? path : path.substring(path.lastIndexOf('/') + 1));
            return matcher.matches(candidate);
        }
    }

    private enum Outcome { UNCHANGED, ADDED, GROWN, REPLACED, TOUCHED }

    public MirrorSyncer(RemoteSource source, FsLogStore store, Categorizer categorizer, int parallelism,
                        int growthCheckWindow, List<String> excludes, Consumer<LogEvent> events) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.categorizer = Objects.requireNonNull(categorizer, "categorizer");
        this.parallelism = parallelism;
        this.window = growthCheckWindow;
        this.events = Objects.requireNonNull(events, "events");
        List<Exclude> compiled = new ArrayList<>();
        for (String glob : excludes) {
            compiled.add(new Exclude(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob), glob.contains("/")));
        }
        this.excludes = List.copyOf(compiled);
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> new SyncThread(runnable, "logmirror-transfer-" + threads.incrementAndGet());
        this.pool = Executors.newFixedThreadPool(parallelism, factory);
    }

    /** One sync's shared counters. */
    private final class Run {
        final SyncProgressListener listener;
        final AtomicInteger filesDone = new AtomicInteger();
        final AtomicLong bytesDone = new AtomicLong();
        final AtomicLong bytesFetched = new AtomicLong();
        final AtomicLong lastReported = new AtomicLong();
        final int filesTotal;
        final long bytesTotal;
        final List<SkippedEntry> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger added = new AtomicInteger();
        final AtomicInteger grown = new AtomicInteger();
        final AtomicInteger replaced = new AtomicInteger();
        final Object monitor = new Object();
        int active;
        volatile boolean cancelled;

        Run(SyncProgressListener listener, int filesTotal, long bytesTotal) {
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

        void fileDone() {
            filesDone.incrementAndGet();
            report();
        }

        void report() {
            try {
                listener.onProgress(new SyncProgress(filesDone.get(), filesTotal, bytesDone.get(),
                        Math.max(bytesTotal, bytesDone.get())));
            } catch (RuntimeException e) {
                LOG.warn("sync progress listener failed; ignored", e);
            }
        }
    }

    private record Work(RemoteFile file, Optional<LogEntry> local) { }

    @Override
    public SyncReport sync(SyncProgressListener progress) throws IOException, InterruptedException {
        Objects.requireNonNull(progress, "progress");
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        RemoteListing listing = source.list();
        if (Thread.interrupted()) {
            throw new InterruptedException("sync cancelled");
        }
        List<SkippedEntry> skipped = new ArrayList<>(listing.skipped());
        Map<String, RemoteFile> remote = new HashMap<>(listing.files().size() * 2);
        for (RemoteFile file : listing.files()) {
            String text = file.path().toString();
            Optional<Exclude> exclude = excludes.stream().filter(e -> e.matches(text)).findFirst();
            if (exclude.isPresent()) {
                skipped.add(SkippedEntry.ofRawName(text, "excluded by the pattern '" + exclude.get().glob() + "'"));
            } else if (remote.putIfAbsent(text, file) != null) {
                skipped.add(SkippedEntry.ofRawName(text, "listed twice by the remote; the first one is mirrored"));
            }
        }
        Set<String> staged = store.stagedPaths();
        List<Work> work = new ArrayList<>();
        long bytesTotal = 0;
        for (RemoteFile file : remote.values()) {
            Optional<LogEntry> local = store.find(file.path());
            String text = file.path().toString();
            if (local.isPresent() && local.get().goneRemotely()) {
                LogEntry returned = store.setGone(file.path(), false);
                publish(new LogEvent.Returned(returned));
                local = Optional.of(returned);
            }
            if (local.isPresent() && local.get().size() == file.size()
                    && local.get().modified().equals(store.localPrecision(file.modified()))) {
                if (staged.contains(text)) {
                    store.discardStaging(file.path());
                }
                continue;
            }
            work.add(new Work(file, local));
            long have = local.isPresent() && file.size() > local.get().size()
                    ? local.get().size() - Math.min(window, local.get().size()) : 0;
            bytesTotal += file.size() - have;
        }
        for (String text : staged) {
            if (!remote.containsKey(text)) {
                LogPath.parse(text).ifPresent(path -> {
                    try {
                        store.discardStaging(path);
                    } catch (IOException e) {
                        LOG.warn("cannot remove stale partial download of {} ({})", path, e.toString());
                    }
                });
            }
        }
        // Larger transfers first, so that one big file does not start last and hold the sync up alone.
        work.sort((a, b) -> Long.compare(b.file().size(), a.file().size()));
        Run run = new Run(progress, work.size(), bytesTotal);
        run.report();
        try {
            transfer(work, run);
            return finish(started, t0, listing, skipped, remote, run);
        } finally {
            store.flushState();
        }
    }

    private SyncReport finish(Instant started, long t0, RemoteListing listing, List<SkippedEntry> skipped,
                              Map<String, RemoteFile> remote, Run run) throws InterruptedException {

        // A name the remote reported but refused (unreadable, special, a folder it could not enter) is still
        // there: what the mirror has of it, or under it, is not gone.
        Set<String> refused = new HashSet<>();
        for (SkippedEntry entry : listing.skipped()) {
            refused.add(entry.name());
        }
        int gone = 0;
        for (LogPath path : store.notGoneExcept(text -> remote.containsKey(text) || underAny(text, refused)
                || excludes.stream().anyMatch(e -> e.matches(text)))) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("sync cancelled");
            }
            try {
                publish(new LogEvent.Gone(store.setGone(path, true)));
                gone++;
            } catch (IOException e) {
                run.failures.add(failure(path, "could not be marked as gone remotely", e));
            }
        }
        return new SyncReport(started, Duration.ofNanos(System.nanoTime() - t0), listing.files().size(),
                run.added.get(), run.grown.get(), run.replaced.get(), gone, run.bytesFetched.get(), skipped,
                List.copyOf(run.failures));
    }

    private static boolean underAny(String path, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        if (names.contains(path)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (names.contains(path.substring(0, slash))) {
                return true;
            }
        }
        return false;
    }

    private void transfer(List<Work> work, Run run) throws InterruptedException {
        if (work.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<Work> queue = new ConcurrentLinkedQueue<>(work);
        int workers = Math.min(parallelism, work.size());
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            futures.add(pool.submit(() -> worker(queue, run)));
        }
        try {
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.error("transfer worker failed unexpectedly", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            run.cancelled = true;
            for (Future<?> future : futures) {
                future.cancel(true);
            }
            // Wait for running transfers to stop, so that nothing writes after the sync has returned.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (run.monitor) {
                while (run.active > 0 && System.nanoTime() < deadline) {
                    try {
                        run.monitor.wait(100);
                    } catch (InterruptedException again) {
                        // keep waiting: returning early would let a transfer write after cancellation
                    }
                }
            }
            throw e;
        }
    }

    private void worker(ConcurrentLinkedQueue<Work> queue, Run run) {
        synchronized (run.monitor) {
            run.active++;
        }
        try {
            Work next;
            while (!run.cancelled && !Thread.currentThread().isInterrupted() && (next = queue.poll()) != null) {
                syncOne(next, run);
            }
        } finally {
            synchronized (run.monitor) {
                run.active--;
                run.monitor.notifyAll();
            }
        }
    }

    private void syncOne(Work work, Run run) {
        LogPath path = work.file().path();
        try {
            Outcome outcome;
            if (work.local().isEmpty() || !store.currentExists(path)) {
                // New, or a local copy deleted by hand: fetched as a new file, once nothing kept stands in its way.
                Optional<String> obstacle = store.obstacle(path);
                if (obstacle.isPresent()) {
                    throw new IOException(obstacle.get());
                }
                outcome = fetchWhole(work.file(), Optional.empty(), run);
            } else if (work.file().size() > work.local().get().size()) {
                outcome = grow(work.file(), work.local().get(), run);
            } else {
                outcome = fetchWhole(work.file(), work.local(), run);
            }
            switch (outcome) {
                case ADDED -> run.added.incrementAndGet();
                case GROWN -> run.grown.incrementAndGet();
                case REPLACED -> run.replaced.incrementAndGet();
                default -> { }
            }
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            LOG.debug("transfer of {} cancelled", path);
        } catch (IOException | RuntimeException e) {
            if (run.cancelled) {
                LOG.debug("transfer of {} stopped by cancellation ({})", path, e.toString());
            } else {
                run.failures.add(failure(path, "could not be synced", e));
                LOG.debug("sync of {} failed", path, e);
            }
        } finally {
            run.fileDone();
        }
    }

    private static SkippedEntry failure(LogPath path, String what, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof FsLogStore.LocalWriteException || e.getClass() == IOException.class ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return SkippedEntry.ofRawName(path.toString(), what + " (" + message + "); what is on disk is kept and the "
                + "next sync retries it");
    }

    /** The remote grew: compare a window before the old end, then append only the new bytes, in one open(). */
    private Outcome grow(RemoteFile file, LogEntry local, Run run) throws IOException {
        LogPath path = file.path();
        long oldSize = local.size();
        int w = (int) Math.min(window, oldSize);
        long start = oldSize - w;
        long expected = file.size() - oldSize;
        AtomicLong written = new AtomicLong();
        IOException failure = null;
        boolean changedWhileRead = false;
        byte[] remoteWindow = new byte[0];
        // One byte past the listed end is asked for too: getting it shows the file changed while it was read.
        try (InputStream in = source.open(file, start, file.size() - start + 1)) {
            if (w > 0) {
                remoteWindow = in.readNBytes(w);
                run.fetched(remoteWindow.length);
                if (!Arrays.equals(remoteWindow, store.readCurrent(path, start, w))) {
                    LOG.debug("{} was rewritten: the bytes before its old end changed; fetching it whole", path);
                    in.close();
                    return fetchWhole(file, Optional.of(local), run);
                }
            }
            try {
                store.appendCurrent(path, oldSize, in, expected, written, run::fetched);
                if (written.get() == expected) {
                    changedWhileRead = probePastEnd(in, run);
                }
            } catch (FsLogStore.LocalCopyChangedException e) {
                LOG.warn("{}; fetching it whole, the changed copy is kept as a generation", e.getMessage());
                in.close();
                return fetchWhole(file, Optional.of(local), run);
            } catch (IOException e) {
                failure = e;
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e; // closing the remote stream failed
            }
        }
        boolean complete = written.get() == expected;
        boolean interrupted = failure instanceof InterruptedIOException
                || failure instanceof java.nio.channels.ClosedByInterruptException;
        if (written.get() > 0 && w > 0 && !interrupted && (!complete || changedWhileRead)
                && verify(file, start, remoteWindow, run) == Check.CHANGED) {
            // The bytes just appended may come from another version of the file (a job re-run rewriting its log):
            // go back to the version that was whole, which the next sync replaces properly.
            store.truncateCurrent(path, oldSize);
            throw new IOException("changed on the remote while its new bytes were read (rewritten or truncated); its "
                    + "previous content is kept and the next sync fetches it again");
        }
        if (!complete) {
            if (written.get() > 0) {
                // A valid prefix is on disk; tell consumers about the bytes that did arrive.
                store.find(path).ifPresent(entry -> publish(new LogEvent.Appended(entry, oldSize)));
            }
            if (failure != null) {
                throw failure;
            }
            throw new IOException("remote file ended after " + (oldSize + written.get()) + " of " + file.size()
                    + " bytes; it may have been truncated during the sync");
        }
        LogEntry entry = store.setModified(path, file.modified());
        if (oldSize < categorizer.headBytesWanted()) {
            Category category = categorizer.categorize(path, store.currentHead(path, categorizer.headBytesWanted()));
            if (!category.equals(entry.category())) {
                entry = store.recategorize(path, category);
            }
        }
        publish(new LogEvent.Appended(entry, oldSize));
        return Outcome.GROWN;
    }

    /** Fetches the file whole into staging (resuming a verified partial), then adds, replaces or just re-times it. */
    private Outcome fetchWhole(RemoteFile file, Optional<LogEntry> local, Run run) throws IOException {
        LogPath path = file.path();
        long partial = store.stagingSize(path);
        if (partial > file.size()) {
            store.discardStaging(path);
            partial = -1;
        }
        AtomicLong written = new AtomicLong();
        long from = Math.max(partial, 0);
        long start = from;
        int w = 0;
        if (partial > 0) {
            w = (int) Math.min(window, partial);
            start = partial - w;
        }
        IOException failure = null;
        boolean changedWhileRead = false;
        InputStream in = source.open(file, start, file.size() - start + 1);
        try {
            if (w > 0) {
                byte[] remoteWindow = in.readNBytes(w);
                run.fetched(remoteWindow.length);
                if (!Arrays.equals(remoteWindow, store.readStaging(path, start, w))) {
                    LOG.debug("partial download of {} no longer matches the remote; starting over", path);
                    in.close();
                    store.discardStaging(path);
                    from = 0;
                    in = source.open(file, 0, file.size() + 1);
                }
            }
            try {
                store.writeStaging(path, from, in, file.size() - from, written, run::fetched);
                if (from + written.get() == file.size()) {
                    changedWhileRead = probePastEnd(in, run);
                }
            } catch (FsLogStore.LocalWriteException | InterruptedIOException
                     | java.nio.channels.ClosedByInterruptException e) {
                throw e;
            } catch (IOException e) {
                failure = e;
            }
        } finally {
            in.close();
        }
        boolean complete = from + written.get() == file.size();
        int head = (int) Math.min(window, from + written.get());
        if (head > 0 && (changedWhileRead || (!complete && written.get() > 0))
                && verify(file, 0, store.readStaging(path, 0, head), run) == Check.CHANGED) {
            store.discardStaging(path);
            throw new IOException("changed on the remote while it was read (rewritten or truncated); the next sync "
                    + "fetches it again");
        }
        if (failure != null) {
            throw failure;
        }
        if (!complete) {
            throw new IOException("remote file ended after " + (from + written.get()) + " of " + file.size()
                    + " bytes; it may have been truncated during the sync");
        }
        if (local.isPresent() && local.get().size() == file.size() && store.stagingEqualsCurrent(path)) {
            store.discardStaging(path);
            store.setModified(path, file.modified());
            return Outcome.TOUCHED;
        }
        int wanted = categorizer.headBytesWanted();
        Category category = categorizer.categorize(path, wanted > 0 ? store.stagingHead(path, wanted) : new byte[0]);
        if (local.isPresent()) {
            publish(store.commitReplace(path, category, file.modified()));
            return Outcome.REPLACED;
        }
        publish(new LogEvent.Added(store.commitNew(path, category, file.modified())));
        return Outcome.ADDED;
    }

    private enum Check { SAME, CHANGED, UNKNOWN }

    /** Whether a byte follows the listed end: the file grew, or was rewritten longer, while it was read. */
    private static boolean probePastEnd(InputStream in, Run run) {
        try {
            if (in.read() >= 0) {
                run.fetched(1);
                return true;
            }
        } catch (IOException e) {
            LOG.debug("probing past the listed end failed ({}); assuming the file did not change", e.toString());
        }
        return false;
    }

    /**
     * Reads {@code expected.length} remote bytes at {@code offset} again (a second, small open) and compares them.
     * Only done when a transfer ended early or the file changed while it was read; a failed read is UNKNOWN, and
     * what arrived is kept (a connection that drops is far more common than a rewrite).
     */
    private Check verify(RemoteFile file, long offset, byte[] expected, Run run) {
        try (InputStream in = source.open(file, offset, expected.length)) {
            byte[] now = in.readNBytes(expected.length);
            run.fetched(now.length);
            return Arrays.equals(now, expected) ? Check.SAME : Check.CHANGED;
        } catch (IOException e) {
            LOG.debug("cannot check {} again ({}); keeping what arrived", file.path(), e.toString());
            return Check.UNKNOWN;
        }
    }

    private void publish(LogEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("publishing {} failed; ignored", event, e);
        }
    }

    /** Stops the transfer threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
