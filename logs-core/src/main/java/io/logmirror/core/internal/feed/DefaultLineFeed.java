package io.logmirror.core.internal.feed;

import io.logmirror.core.LogStore;
import io.logmirror.core.feed.ChangeFeed;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineFeed;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.ResyncRequiredException;

import java.io.Closeable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The line feed: one {@link LineReader} subscribed to the change feed reads each change's new bytes once and fans
 * the lines out to every live subscriber's own bounded queue ({@link LineSubscription}), drained on the feed's
 * delivery threads. A subscriber from an older sequence gets a reader of its own (it replays the journal and reads
 * the files again from the store), since its position differs from everyone else's.
 *
 * <p>The shared reader starts with the first live subscriber. A file it first meets through an append has its
 * earlier lines counted once, so line numbers are always the file's own.
 *
 * <p>Thread-safe.
 */
public final class DefaultLineFeed implements LineFeed, Closeable {

    /** The default piece limit: lines longer than this many bytes are delivered in pieces. */
    public static final int DEFAULT_MAX_LINE_PIECE = 64 * 1024;
    /** The default bound of one subscriber's queue, in bytes of lines waiting. */
    public static final long DEFAULT_SUBSCRIBER_QUEUE_BYTES = 16L * 1024 * 1024;

    private final ChangeFeed changes;
    private final LogStore store;
    private final int maxLinePiece;
    private final long queueBytes;
    private final ExecutorService delivery = DeliveryThreads.newPool("logmirror-line-feed");
    private final Object lock = new Object();
    private volatile LineSubscription[] live = new LineSubscription[0];
    /** Subscriptions from a sequence, each with a reader of its own. */
    private final Set<LineSubscription> replaying = ConcurrentHashMap.newKeySet();
    private FeedSubscription shared;
    private boolean closed;

    /** A line feed with subscriber queues of {@value #DEFAULT_SUBSCRIBER_QUEUE_BYTES} bytes. */
    public DefaultLineFeed(ChangeFeed changes, LogStore store, int maxLinePiece) {
        this(changes, store, maxLinePiece, DEFAULT_SUBSCRIBER_QUEUE_BYTES);
    }

    /**
     * @param maxLinePiece         lines longer than this many bytes are delivered in pieces (at least 2)
     * @param subscriberQueueBytes how many bytes of lines may wait for one subscriber before it misses some
     */
    public DefaultLineFeed(ChangeFeed changes, LogStore store, int maxLinePiece, long subscriberQueueBytes) {
        this.changes = Objects.requireNonNull(changes, "changes");
        this.store = Objects.requireNonNull(store, "store");
        if (maxLinePiece < 2) {
            throw new IllegalArgumentException("maxLinePiece must be at least 2 bytes, was " + maxLinePiece);
        }
        if (subscriberQueueBytes < 1) {
            throw new IllegalArgumentException("subscriberQueueBytes must be at least 1, was "
                    + subscriberQueueBytes);
        }
        this.maxLinePiece = maxLinePiece;
        this.queueBytes = subscriberQueueBytes;
    }

    @Override
    public FeedSubscription subscribe(LineSubscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (lock) {
            checkOpen();
            if (shared == null) {
                shared = changes.subscribe(new LineReader(store, maxLinePiece, this::fanOut,
                        () -> live.length > 0));
            }
            LineSubscription subscription = new LineSubscription(subscriber, delivery, queueBytes,
                    changes.latestSequence() + 1, this::removeLive);
            LineSubscription[] next = Arrays.copyOf(live, live.length + 1);
            next[next.length - 1] = subscription;
            live = next;
            return subscription;
        }
    }

    @Override
    public FeedSubscription subscribe(long fromSequence, LineSubscriber subscriber) throws ResyncRequiredException {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (lock) {
            checkOpen();
            FeedSubscription[] source = new FeedSubscription[1];
            LineSubscription subscription = new LineSubscription(subscriber, delivery, queueBytes, fromSequence,
                    s -> {
                        replaying.remove(s);
                        source[0].close();
                    });
            source[0] = changes.subscribe(fromSequence,
                    new LineReader(store, maxLinePiece, subscription::offer, () -> true));
            replaying.add(subscription);
            return subscription;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the line feed is closed");
        }
    }

    private void fanOut(LineItem item) {
        for (LineSubscription subscription : live) {
            subscription.offer(item);
        }
    }

    private void removeLive(LineSubscription subscription) {
        synchronized (lock) {
            live = Arrays.stream(live).filter(s -> s != subscription).toArray(LineSubscription[]::new);
        }
    }

    /** Stops reading, closes every subscription and stops the delivery threads. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (shared != null) {
                shared.close();
            }
        }
        for (LineSubscription subscription : live) {
            subscription.close();
        }
        for (LineSubscription subscription : List.copyOf(replaying)) {
            subscription.close();
        }
        DeliveryThreads.stop(delivery);
    }

    @Override
    public String toString() {
        return "DefaultLineFeed[" + live.length + " live subscribers, pieces of at most " + maxLinePiece + " bytes]";
    }
}
