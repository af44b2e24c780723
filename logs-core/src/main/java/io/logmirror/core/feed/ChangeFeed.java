package io.logmirror.core.feed;

/**
 * Every change committed to the mirror, numbered. The store's writer publishes each change here after it is on disk,
 * in the same step; nothing else publishes.
 *
 * <p>Each subscriber has its own bounded queue and its own delivery thread: a slow or stuck subscriber never delays
 * a sync or another subscriber. When a queue overflows, its subscriber receives one
 * {@link ChangeSubscriber#onMissed(long, long)} notice for the dropped range and carries on. A subscriber that
 * started from an older sequence and is still catching up is filled from the journal instead, so it misses nothing
 * the journal still holds.
 *
 * <p>Sequence numbers survive restarts: changes are journaled, and the latest ones (a configured number) stay
 * replayable. A subscriber that saved {@link FeedSubscription#lastDelivered()} resumes from the next sequence, or,
 * when the journal no longer reaches back that far, gets a {@link ResyncRequiredException}.
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
