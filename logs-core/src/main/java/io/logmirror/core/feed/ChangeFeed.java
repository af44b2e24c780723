package io.logmirror.core.feed;

/**
 * Every change committed to the mirror, numbered. The store's writer publishes each change here after it is on disk,
 * in the same step; nothing else publishes.
 *
 * <p>Each subscriber has its own bounded queue and its own delivery thread: a slow or stuck subscriber never delays
 * a sync or another subscriber. When a queue overflows, its subscriber receives one
 * {@link ChangeSubscriber#onMissed(long, long)} notice for the dropped range and carries on.
 *
 * <pre>{@code
 * long resumeFrom = savedCursor + 1;
 * try (FeedSubscription sub = mirror.changes().subscribe(resumeFrom, change -> index(change))) { ... }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface ChangeFeed {

    /** The sequence of the latest change, 0 when there has been none. */
    long latestSequence();

    /** The oldest sequence {@link #subscribe(long, ChangeSubscriber)} can still replay from the journal. */
    long oldestReplayable();

    /** Subscribes from now: the first change delivered is the next one committed. */
    FeedSubscription subscribe(ChangeSubscriber subscriber);

    /**
     * Subscribes from {@code fromSequence}: the journaled changes from there are replayed in order, then live changes
     * follow with no gap and no duplicate. {@code latestSequence() + 1} means "from now".
     *
     * @throws ResyncRequiredException when {@code fromSequence} is older than {@link #oldestReplayable()} or beyond
     *                                 {@code latestSequence() + 1}
     */
    FeedSubscription subscribe(long fromSequence, ChangeSubscriber subscriber) throws ResyncRequiredException;
}
