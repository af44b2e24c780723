package io.logmirror.core.feed;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One complete line of a mirrored file, as the {@link LineFeed} delivers it.
 *
 * <p>The bytes exclude the line end ({@code \n} or {@code \r\n}). A lone {@code \r} (progress bars) does not end a
 * line. A line longer than the feed's piece limit arrives as several pieces with the same {@code lineNumber}: every
 * piece but the last has {@code continues} set.
 *
 * @param path       the file
 * @param category   its category
 * @param offset     the byte offset of this line (or piece) in the file
 * @param lineNumber 1 for the file's first line
 * @param bytes      the raw bytes, not necessarily UTF-8; do not modify
 * @param continues  whether more pieces of the same line follow
 * @param sequence   the change-feed sequence of the change that completed this line
 */
public record LogLine(LogPath path, Category category, long offset, long lineNumber, byte[] bytes,
                      boolean continues, long sequence) {

    public LogLine {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The line decoded as UTF-8; malformed bytes become U+FFFD replacement characters. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The byte offset just after this line's bytes (before its line end). */
    public long endOffset() {
        return offset + bytes.length;
    }
}
