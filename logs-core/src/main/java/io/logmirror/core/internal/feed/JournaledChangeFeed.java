package io.logmirror.core.internal.feed;

import io.logmirror.core.LogEvent;
import io.logmirror.core.feed.Change;
import io.logmirror.core.feed.ChangeFeed;
import io.logmirror.core.feed.ChangeSubscriber;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.ResyncRequiredException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The change feed, journaled: every published change gets the next sequence number, is appended to the
 * {@link ChangeJournal} (so numbering survives a restart and subscribers can replay), then is queued for every
 * subscriber.
 *
 * <p>Publishing never waits for a subscriber: it appends one record (one {@code write} call, no {@code fsync}) and
 * puts the change on each subscriber's bounded queue, dropping it for a subscriber whose queue is full. Each
 * subscriber is drained by its own task on a pool of delivery threads (see {@link ChangeSubscription}).
 *
 * <p>Retention: at least {@code retainedChanges} of the latest changes stay replayable (at most a quarter more, the
 * segment size: see {@link ChangeJournal}). Thread-safe; {@link #publish} is serialized by the feed's own lock too.
 * After {@link #close()}, {@code publish} and {@code subscribe} throw {@link IllegalStateException}: the store closes
 * before its feed.
 *
 * <pre>{@code
 * JournaledChangeFeed feed = JournaledChangeFeed.open(data.resolve("changes"), 10_000, 1_000_000);
 * feed.publish(new LogEvent.Added(entry));       // the store's writer, under its write lock
 * feed.subscribe(feed.latestSequence() + 1, change -> ...);
 * }</pre>
 */
public final class JournaledChangeFeed implements ChangeFeed, ChangePublisher, Closeable {

    private final Object lock = new Object();
    private final ChangeJournal journal;
    private final int queueCapacity;
    private final ExecutorService delivery = DeliveryThreads.newPool("logmirror-change-feed");
    private volatile ChangeSubscription[] subscriptions = new ChangeSubscription[0];
    private boolean closed;

    private JournaledChangeFeed(ChangeJournal journal, int queueCapacity) {
        this.journal = journal;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Opens the feed journaled in {@code journalDirectory} (created if needed), continuing its numbering.
     *
     * @param subscriberQueueCapacity how many changes wait for one subscriber before it misses some (at least 1)
     * @param retainedChanges         how many of the latest changes stay replayable (at least 1)
     * @throws IOException when the folder or the journal cannot be read or written
     */
    public static JournaledChangeFeed open(Path journalDirectory, int subscriberQueueCapacity, int retainedChanges)
            throws IOException {
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        if (subscriberQueueCapacity < 1) {
            throw new IllegalArgumentException("subscriberQueueCapacity must be at least 1, was "
                    + subscriberQueueCapacity);
        }
        return new JournaledChangeFeed(ChangeJournal.open(journalDirectory, retainedChanges),
                subscriberQueueCapacity);
    }

    @Override
    public Change publish(LogEvent event) throws IOException {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the change feed is closed; cannot publish " + event);
            }
            Change change = new Change(journal.latest() + 1, event);
            journal.append(change);
            for (ChangeSubscription subscription : subscriptions) {
                subscription.offer(change);
            }
            return change;
        }
    }

    @Override
    public long latestSequence() {
        return journal.latest();
    }

    @Override
    public long oldestReplayable() {
        return journal.oldest();
    }

    @Override
    public FeedSubscription subscribe(ChangeSubscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (lock) {
            return add(subscriber, journal.latest() + 1);
        }
    }

    @Override
    public FeedSubscription subscribe(long fromSequence, ChangeSubscriber subscriber)
            throws ResyncRequiredException {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (lock) {
            long latest = journal.latest();
            long oldest = journal.oldest();
            if (fromSequence < oldest || fromSequence > latest + 1) {
                throw new ResyncRequiredException(fromSequence, oldest, latest);
            }
            return add(subscriber, fromSequence);
        }
    }

    private ChangeSubscription add(ChangeSubscriber subscriber, long from) {
        if (closed) {
            throw new IllegalStateException("the change feed is closed");
        }
        ChangeSubscription subscription = new ChangeSubscription(subscriber, journal, delivery, queueCapacity,
                from, journal.latest(), this::remove);
        ChangeSubscription[] next = Arrays.copyOf(subscriptions, subscriptions.length + 1);
        next[next.length - 1] = subscription;
        subscriptions = next;
        subscription.start();
        return subscription;
    }

    private void remove(ChangeSubscription subscription) {
        synchronized (lock) {
            subscriptions = Arrays.stream(subscriptions).filter(s -> s != subscription)
                    .toArray(ChangeSubscription[]::new);
        }
    }

    /** How many subscriptions are open. */
    int subscriberCount() {
        return subscriptions.length;
    }

    /** Closes every subscription, stops the delivery threads and closes the journal (forcing it to disk). */
    @Override
    public void close() throws IOException {
        ChangeSubscription[] open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = subscriptions;
        }
        for (ChangeSubscription subscription : open) {
            subscription.close();
        }
        DeliveryThreads.stop(delivery);
        synchronized (lock) {
            journal.close();
        }
    }

    @Override
    public String toString() {
        return "JournaledChangeFeed[latest " + journal.latest() + ", " + subscriptions.length + " subscribers]";
    }
}
