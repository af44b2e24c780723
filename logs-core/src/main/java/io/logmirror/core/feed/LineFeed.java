package io.logmirror.core.feed;

/**
 * The complete new lines of every mirrored file, in order, built on the {@link ChangeFeed}: live follow, error
 * detection and the sinks consume it instead of each re-reading {@code [previousSize, size)}. Each change is read
 * from the store once, however many subscribers listen.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@code \n} ends a line, and so does {@code \r\n} (the {@code \r} is not delivered). A lone {@code \r} does
 *   not end a line: a progress bar that redraws itself with {@code \r} (tqdm, pip, vLLM) arrives as one line, with
 *   its {@code \r}s inside, when its {@code \n} comes.</li>
 *   <li>A partial last line is held back until its newline arrives (in a later append), and is flushed as a final
 *   line when the file is replaced or gone first. A file removed from the mirror is not flushed.</li>
 *   <li>A replaced file starts over at offset 0 and line 1 after an {@link LineSubscriber#onReplaced} marker, read
 *   from the new content.</li>
 *   <li>Bytes are delivered as they are, UTF-8 or not ({@link LogLine#bytes()}); {@link LogLine#text()} decodes them
 *   as UTF-8 with U+FFFD replacement characters for malformed input.</li>
 *   <li>A line longer than the piece limit (64 KiB unless configured otherwise) arrives in pieces of at most that
 *   many bytes, all with the line's number, every one but the last with {@link LogLine#continues()} set; so a
 *   50 MB JSON line is never held whole. In one rare case (a {@code \r\n} whose {@code \r} arrives just as a piece
 *   is full) the last piece is empty.</li>
 *   <li>Line numbers are the file's own, counted from its first byte, even when the feed first meets a file in the
 *   middle of its life (it counts the earlier lines once).</li>
 * </ul>
 *
 * <p>The feed reads the store as it is when it gets to a change. A subscriber that falls behind a whole sync, or one
 * that replays old changes, reads files that may have grown or been replaced since; lines of a file that was
 * replaced meanwhile are read from its new content.
 *
 * <pre>{@code
 * try (FeedSubscription sub = mirror.lines().subscribe(line -> {
 *     if (line.text().contains("ERROR")) alert(line.path(), line.lineNumber(), line.text());
 * })) { ... }
 * }</pre>
 *
 * <p>Each subscriber has its own bounded queue and delivery thread, as for changes; one that overflows receives one
 * {@link LineSubscriber#onMissed} for the changes whose lines it lost and carries on. Thread-safe.
 */
public interface LineFeed {

    /** Lines of changes committed from now on. */
    FeedSubscription subscribe(LineSubscriber subscriber);

    /**
     * Lines of changes from {@code fromSequence} on (replayed from the journal, the files read again from the store),
     * then live ones. Such a subscriber has a reader of its own.
     *
     * @throws ResyncRequiredException when the change feed cannot replay from there
     */
    FeedSubscription subscribe(long fromSequence, LineSubscriber subscriber) throws ResyncRequiredException;
}
