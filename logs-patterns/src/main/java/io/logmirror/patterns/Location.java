package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import java.util.Objects;

/**
 * Where a line is: its file, 1-based line number and byte offset. The HTTP API turns it into a link
 * to {@code /logs/content?path=...&offset=...}.
 *
 * @param path the file
 * @param lineNumber the 1-based line number
 * @param offset the byte offset of the line's first byte
 */
public record Location(LogPath path, long lineNumber, long offset) {

    public Location {
        Objects.requireNonNull(path, "path");
    }
}
