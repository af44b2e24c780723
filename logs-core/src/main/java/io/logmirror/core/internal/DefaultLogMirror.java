package io.logmirror.core.internal;

import io.logmirror.core.Categorizer;
import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogListener;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogStore;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;
import io.logmirror.core.feed.ChangeFeed;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineFeed;
import io.logmirror.core.internal.store.FsLogStore;
import io.logmirror.core.internal.sync.MirrorSyncer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: a store (whose writer publishes every change to the {@link MirrorFeeds feeds}), a syncer, a
 * {@link SyncSchedule schedule} that runs it, and the status the schedule keeps.
 */
public final class DefaultLogMirror implements LogMirror {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultLogMirror.class);

    private final LogMirrorConfig config;
    private final FsLogStore store;
    private final MirrorFeeds feeds;
    private final MirrorSyncer syncer;
    private final SyncSchedule schedule;

    private DefaultLogMirror(LogMirrorConfig config, FsLogStore store, MirrorFeeds feeds) {
        this.config = config;
        this.store = store;
        this.feeds = feeds;
        this.syncer = new MirrorSyncer(config.source(), store, config.categorizer(), config.parallelism(),
                config.growthCheckWindow(), config.excludes());
        this.schedule = new SyncSchedule(syncer, config.source().describe(), config.syncInterval(), config.maxBackoff());
    }

    /** Opens the store and the feeds under the config's data folder and returns an engine that has not started. */
    public static LogMirror open(LogMirrorConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        if (config.source() instanceof LocalDirectorySource local
                && realPathOf(config.dataDirectory()).startsWith(local.folder())) {
            throw new IllegalArgumentException("data folder " + config.dataDirectory() + " is inside the mirrored folder "
                    + local.folder() + ": the mirror would copy itself; put the data folder elsewhere");
        }
        MirrorFeeds feeds = new MirrorFeeds();
        FsLogStore store;
        try {
            store = FsLogStore.open(config.dataDirectory(), config.categorizer(), config.categorizedLinks(), feeds::open);
        } catch (IOException | RuntimeException e) {
            feeds.close();
            throw e;
        }
        try {
            feeds.startLines(store);
            DefaultLogMirror mirror = new DefaultLogMirror(config, store, feeds);
            LOG.info("opened mirror of {} in {} with {} files", config.source().describe(), config.dataDirectory(),
                    store.fileCount());
            return mirror;
        } catch (RuntimeException | Error e) {
            store.close();
            feeds.close();
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

    @Override
    public void start() {
        schedule.start();
    }

    @Override
    public CompletableFuture<SyncReport> requestSync() {
        return schedule.request();
    }

    @Override
    public SyncReport syncNow() throws IOException, InterruptedException {
        if (Thread.currentThread() instanceof SyncThread) {
            throw new IllegalStateException("syncNow() was called on a thread of the sync it would wait for; call "
                    + "requestSync() there instead, it does not block");
        }
        try {
            return requestSync().get();
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
        return schedule.status();
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
    public FeedSubscription subscribe(LogListener listener) {
        return feeds.subscribe(listener);
    }

    @Override
    public ChangeFeed changes() {
        return feeds.changes();
    }

    @Override
    public LineFeed lines() {
        return feeds.lines();
    }

    @Override
    public boolean remove(LogEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        return !store.writer().remove(entry).isEmpty();
    }

    @Override
    public void close() throws IOException {
        schedule.close(); // stops the schedule and a running sync, which waits for its transfers
        syncer.close();   // stops the transfer threads
        IOException failure = null;
        try {
            store.close();
        } catch (IOException e) {
            failure = e;
        }
        feeds.close();
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
}
