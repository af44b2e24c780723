package io.logmirror.core.internal;

import io.logmirror.core.LogListener;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.ChangeFeed;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineFeed;
import io.logmirror.core.internal.feed.DefaultLineFeed;
import io.logmirror.core.internal.feed.JournaledChangeFeed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's feeds: the journaled change feed the store's writer publishes to, and the line feed on top of it.
 * Opened by the store (under the data folder's lock), closed after it.
 */
final class MirrorFeeds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorFeeds.class);

    /** How many changes wait for one subscriber before it is told it missed some. */
    static final int SUBSCRIBER_QUEUE = 10_000;
    /** How many of the latest changes stay replayable from the journal. */
    static final int RETAINED_CHANGES = 1_000_000;

    private JournaledChangeFeed changes;
    private DefaultLineFeed lines;

    /** Opens the change feed journaled in {@code directory}; the store calls this once it holds the folder's lock. */
    JournaledChangeFeed open(Path directory) throws IOException {
        changes = JournaledChangeFeed.open(directory, SUBSCRIBER_QUEUE, RETAINED_CHANGES);
        return changes;
    }

    /** Starts the line feed over the store's files. */
    void startLines(LogStore store) {
        lines = new DefaultLineFeed(changes, store, DefaultLineFeed.DEFAULT_MAX_LINE_PIECE);
    }

    ChangeFeed changes() {
        return changes;
    }

    LineFeed lines() {
        return lines;
    }

    /** The old listener interface, as a change-feed subscriber from now. */
    FeedSubscription subscribe(LogListener listener) {
        Objects.requireNonNull(listener, "listener");
        return changes.subscribe(change -> listener.onEvent(change.event()));
    }

    @Override
    public void close() {
        Optional.ofNullable(lines).ifPresent(DefaultLineFeed::close);
        if (changes != null) {
            try {
                changes.close();
            } catch (IOException e) {
                LOG.warn("cannot close the change feed ({})", e.toString());
            }
        }
    }
}
