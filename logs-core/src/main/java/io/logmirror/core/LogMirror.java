package io.logmirror.core;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine: keeps a {@link LogStore} mirrored from a {@link RemoteSource}, on a schedule and on demand.
 *
 * <p>One sync runs at a time; asking for a sync while one runs joins it. After a failed sync the
 * scheduler backs off (doubling the interval up to {@link LogMirrorConfig#maxBackoff()}). Closing the
 * engine stops the schedule, cancels a running sync cleanly (no half-written file under a final name)
 * and closes the store and the source.
 *
 * <pre>{@code
 * LogMirrorConfig config = LogMirrorConfig.builder(Path.of("data"), remoteSource)
 *         .categorizer(RuleCategorizer.defaults())
 *         .syncInterval(Duration.ofSeconds(60))
 *         .build();
 * try (LogMirror mirror = LogMirror.open(config)) {
 *     mirror.changes().subscribe(change -> System.out.println(change.sequence() + " " + change.event()));
 *     mirror.start();                       // sync now, then every minute
 *     SyncReport report = mirror.syncNow(); // or on demand
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe.
 */
public interface LogMirror extends Closeable {

    /**
     * Opens the store under the config's data folder (rebuilding its index from disk) and returns an
     * engine that has not started syncing yet.
     *
     * @throws IOException when the data folder cannot be created or read
     */
    static LogMirror open(LogMirrorConfig config) throws IOException {
        return io.logmirror.core.internal.DefaultLogMirror.open(config);
    }

    /** Starts the schedule: a sync now, then one {@link LogMirrorConfig#syncInterval()} after each ends. Idempotent. */
    void start();

    /**
     * Starts a sync, or joins the one already running.
     *
     * @return completes with the sync's report, or exceptionally with the reason it failed as a whole
     */
    CompletableFuture<SyncReport> requestSync();

    /**
     * Runs a sync (or joins the running one) and waits for it.
     *
     * @throws IOException when the sync failed as a whole
     * @throws InterruptedException when the caller was interrupted while waiting
     */
    SyncReport syncNow() throws IOException, InterruptedException;

    /** The current sync state. */
    SyncStatus status();

    /** The local mirror, for queries. */
    LogStore store();

    /** The categorizer in use. */
    Categorizer categorizer();

    /** The categories, in display order. */
    default List<Category> categories() {
        return categorizer().categories();
    }

    /** The configuration this engine was opened with. */
    LogMirrorConfig config();

    /**
     * Subscribes {@code listener} to the changes committed from now on: a convenience over
     * {@code changes().subscribe(change -> listener.onEvent(change.event()))}. The listener runs on the change feed's
     * delivery thread for it, never on a transfer thread; a slow one only fills its own queue.
     *
     * @return closing it unsubscribes (it never throws)
     */
    io.logmirror.core.feed.FeedSubscription subscribe(LogListener listener);

    /**
     * The change feed: every committed change, numbered, replayable from a sequence.
     *
     * @see io.logmirror.core.feed.ChangeFeed
     */
    io.logmirror.core.feed.ChangeFeed changes();

    /**
     * The line feed: the complete new lines of every file, in order.
     *
     * @see io.logmirror.core.feed.LineFeed
     */
    io.logmirror.core.feed.LineFeed lines();

    /**
     * Removes {@code entry} from the mirror: the current generation removes the file (with its kept generations)
     * from the index, the journal and the categorized links; a kept generation removes only that generation. Publishes
     * one {@link LogEvent.Removed} per removed generation. A sync running at the time wins: a file it is writing is
     * left alone and this returns false.
     *
     * <p>Ids and cursors: a listing's {@link LogQuery.Cursor cursor} is a time and a path, so removing files never
     * moves a page boundary.
     *
     * @return whether anything was removed (false when the entry is not in the mirror, or a sync is writing it)
     * @throws IOException when the disk refused a deletion; the generations removed before it are removed from the
     *                     index too and announced, the rest is left as it was
     */
    boolean remove(LogEntry entry) throws IOException;
}
