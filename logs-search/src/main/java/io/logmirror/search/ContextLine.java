package io.logmirror.search;

import java.util.Objects;

/**
 * A line shown around a match.
 *
 * @param lineNumber its number in the file, from 1
 * @param text       its text without the newline, decoded as UTF-8 (malformed bytes become U+FFFD)
 */
public record ContextLine(long lineNumber, String text) {

    public ContextLine {
        Objects.requireNonNull(text, "text");
    }
}
