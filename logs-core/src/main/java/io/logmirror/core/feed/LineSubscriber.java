package io.logmirror.core.feed;

import io.logmirror.core.LogEntry;

/**
 * Receives lines from a {@link LineFeed}, per file in order, on the feed's delivery thread for this subscriber.
 * The defaults of the marker methods do nothing.
 */
@FunctionalInterface
public interface LineSubscriber {

    /** The next complete line (or piece of a long line). */
    void onLine(LogLine line);

    /**
     * The file was rewritten or truncated on the remote ({@code previous} is the generation kept); its lines start
     * over at offset 0 and line 1 after this marker. A partial last line of the old content was flushed before it.
     */
    default void onReplaced(LogEntry current, LogEntry previous) {
    }

    /** The remote no longer has the file; a partial last line was flushed before this. */
    default void onGone(LogEntry entry) {
    }

    /** The file (or a kept generation) was removed from the mirror. */
    default void onRemoved(LogEntry entry) {
    }

    /**
     * Lines (or markers) of changes {@code first..last} were dropped for this subscriber because its queue overflowed,
     * or because the feed itself fell behind the change feed; some lines of {@code first} may have arrived before.
     * Line numbers of later lines stay right: the feed counts them again.
     */
    default void onMissed(long first, long last) {
    }
}
