package io.logmirror.core.internal.sync;

import io.logmirror.core.Categorizer;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SyncProgress;
import io.logmirror.core.SyncReport;
import io.logmirror.core.internal.SyncThread;
import io.logmirror.core.internal.store.FsLogStore;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirror algorithm (see {@code docs/architecture.md}) over any {@link RemoteSource} into an {@link FsLogStore}:
 * list, {@link SyncPlanner plan} (listing against index), {@link BatchedTransfers transfer} (each file a
 * {@link FileTransfer}), then mark what the listing no longer has as gone. Every change goes through the store's
 * writer, which announces it; the syncer publishes nothing itself.
 */
public final class MirrorSyncer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorSyncer.class);

    private final RemoteSource source;
    private final FsLogStore store;
    private final Categorizer categorizer;
    private final int window;
    private final Excludes excludes;
    private final SyncPlanner planner;
    private final ExecutorService pool;
    private final BatchedTransfers transfers;

    public MirrorSyncer(RemoteSource source, FsLogStore store, Categorizer categorizer, int parallelism,
                        int growthCheckWindow, List<String> excludes) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.categorizer = Objects.requireNonNull(categorizer, "categorizer");
        this.window = growthCheckWindow;
        this.excludes = new Excludes(excludes);
        this.planner = new SyncPlanner(store, this.excludes, growthCheckWindow);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(parallelism,
                runnable -> new SyncThread(runnable, "logmirror-transfer-" + threads.incrementAndGet()));
        this.transfers = new BatchedTransfers(source, pool, parallelism);
    }

    /**
     * Runs one sync.
     *
     * @param progress told as files complete, from transfer threads
     * @return what changed, what was skipped, and which files failed (a failed file does not stop the others)
     * @throws IOException when the remote cannot be listed at all
     * @throws InterruptedException when the sync was cancelled; the store stays consistent
     */
    public SyncReport sync(Consumer<SyncProgress> progress) throws IOException, InterruptedException {
        Objects.requireNonNull(progress, "progress");
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        RemoteListing listing = source.list();
        if (Thread.interrupted()) {
            throw new InterruptedException("sync cancelled");
        }
        SyncPlan plan = planner.plan(listing);
        for (LogPath path : plan.returned()) {
            store.writer().markReturned(path);
        }
        for (LogPath path : plan.stalePartials()) {
            try {
                store.staging().discard(path);
            } catch (IOException e) {
                LOG.warn("cannot remove stale partial download of {} ({})", path, e.toString());
            }
        }
        TransferRun run = new TransferRun(progress, plan.transfers().size(), plan.bytesTotal());
        run.report();
        try {
            List<FileTransfer> files = new ArrayList<>(plan.transfers().size());
            for (SyncPlan.Transfer transfer : plan.transfers()) {
                files.add(new FileTransfer(store, categorizer, window, run, transfer));
            }
            transfers.run(files, run);
            int gone = markGone(plan, run);
            return new SyncReport(started, Duration.ofNanos(System.nanoTime() - t0), listing.files().size(),
                    run.added.get(), run.grown.get(), run.replaced.get(), gone, run.bytesFetched(), plan.skipped(),
                    run.failures());
        } finally {
            store.writer().flush();
        }
    }

    /**
     * Marks as gone what the listing no longer has. A name the remote reported but refused (unreadable, special, a
     * folder it could not enter) is still there: what the mirror has of it, or under it, is not gone; nor is an
     * excluded file.
     */
    private int markGone(SyncPlan plan, TransferRun run) throws InterruptedException {
        int gone = 0;
        for (LogPath path : store.notGoneExcept(text -> plan.remote().containsKey(text)
                || underAny(text, plan.refused()) || excludes.matching(text).isPresent())) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("sync cancelled");
            }
            try {
                if (store.writer().markGone(path).isPresent()) {
                    gone++;
                }
            } catch (RuntimeException e) {
                run.failed(path, "could not be marked as gone remotely", e);
            }
        }
        return gone;
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

    /** Stops the transfer threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
