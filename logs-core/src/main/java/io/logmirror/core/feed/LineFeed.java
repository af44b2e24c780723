package io.logmirror.core.feed;

/**
 * The complete new lines of every mirrored file, in order, built on the {@link ChangeFeed}: live follow, error
 * detection and the sinks consume it instead of each re-reading {@code [previousSize, size)}.
 *
 * <p>Rules: a partial last line is held back until its newline arrives, and flushed as a final line when the file is
 * replaced or gone first; {@code \n} and {@code \r\n} end a line, a lone {@code \r} does not; a replaced file starts
 * over at offset 0 after an {@link LineSubscriber#onReplaced} marker; bytes are passed as they are (see
 * {@link LogLine#text()} for decoding); lines longer than the piece limit are cut into pieces, never held whole.
 *
 * <p>Thread-safe.
 */
public interface LineFeed {

    /** Lines of changes committed from now on. */
    FeedSubscription subscribe(LineSubscriber subscriber);

    /**
     * Lines of changes from {@code fromSequence} on (replayed from the journal and the store), then live ones.
     *
     * @throws ResyncRequiredException when the change feed cannot replay from there
     */
    FeedSubscription subscribe(long fromSequence, LineSubscriber subscriber) throws ResyncRequiredException;
}
