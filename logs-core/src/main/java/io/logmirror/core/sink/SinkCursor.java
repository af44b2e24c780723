package io.logmirror.core.sink;

/**
 * How far a sink's backend has acknowledged one file: every line that starts before {@code offset} was accepted (or
 * rejected for good and counted as dropped).
 *
 * @param offset      the byte offset where the first unacknowledged line starts
 * @param lineNumber  the line number of that line (1 for the file's first line)
 * @param generations how many earlier generations the store kept of the file when the cursor was saved; when the store
 *                    holds more on restart, the file was rewritten meanwhile and the sink starts it over at offset 0
 */
public record SinkCursor(long offset, long lineNumber, int generations) {

    public SinkCursor {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be at least 1, was " + lineNumber);
        }
        if (generations < 0) {
            throw new IllegalArgumentException("generations must not be negative, was " + generations);
        }
    }

    /** The start of a file's content: offset 0, line 1. */
    public static SinkCursor start(int generations) {
        return new SinkCursor(0, 1, generations);
    }
}
