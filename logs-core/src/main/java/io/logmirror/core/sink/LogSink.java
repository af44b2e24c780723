package io.logmirror.core.sink;

import io.logmirror.core.LogStore;
import io.logmirror.core.feed.LineFeed;

import java.io.IOException;
import java.time.Duration;

/**
 * Ships every line of the mirror to a {@link SinkBackend}, at least once, without ever slowing the sync.
 *
 * <p>How it works: the sink subscribes to the {@link LineFeed} and queues its lines (a bounded queue; the feed's
 * thread never waits). Its own thread batches them ({@link SinkOptions#maxBatchBytes()} or {@link
 * SinkOptions#maxBatchDelay()}, whichever comes first) and sends each batch until the backend accepts it, backing off
 * exponentially with jitter while it fails. Only then does the {@link CursorStore cursor} of each file in the batch
 * advance. On start, and whenever the queue overflowed or the feed reported missed changes, the sink reads every file
 * from its cursor to its current end through {@link LogStore#open} (never the disk directly), then follows the live
 * lines again, skipping those it already read. So an outage of any length (of the backend or of this process) loses
 * nothing, and a restart resends at most the batches that were not acknowledged. A file rewritten remotely starts over
 * at offset 0 (the rest of its previous content is shipped first); a file removed from the mirror loses its cursor.
 *
 * <pre>{@code
 * try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings),
 *         CursorStore.file(data.resolve("sinks/loki.cursors")), SinkOptions.defaults())) {
 *     ...
 *     SinkStats stats = sink.stats();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing makes one last attempt to send the batch in hand, then stops; what it could not send is
 * sent again by the next start.
 */
public interface LogSink extends AutoCloseable {

    /**
     * Starts a sink: loads the cursors, subscribes to the feed and starts the sink's thread, which catches up from the
     * store first.
     *
     * @throws IOException when the cursor store cannot be read (nothing is started then)
     */
    static LogSink start(LineFeed feed, LogStore store, SinkBackend backend, CursorStore cursors, SinkOptions options)
            throws IOException {
        return io.logmirror.core.internal.sink.SinkRunner.start(feed, store, backend, cursors, options);
    }

    /** The counters so far. */
    SinkStats stats();

    /**
     * Waits until every line the store holds now (complete lines of current files) is acknowledged by the backend
     * and the queue is empty; for tests, benchmarks and orderly shutdowns.
     *
     * @return whether that happened within {@code timeout}
     * @throws InterruptedException when the caller was interrupted
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** Stops the sink (see above) and closes the backend. Never throws; closing twice is harmless. */
    @Override
    void close();
}
