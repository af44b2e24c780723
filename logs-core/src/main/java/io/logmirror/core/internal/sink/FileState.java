package io.logmirror.core.internal.sink;

/**
 * Where the sink stands in one file (the sink thread's own state, never shared).
 *
 * <p>{@code offset} is exact when {@code kind} is {@link Kind#LINE_START} or {@link Kind#MID_LINE}; after a live
 * line ({@link Kind#AFTER_LINE}) it is the end of that line's bytes, and the next line starts one or two bytes later
 * (after {@code \n} or {@code \r\n}), which the line feed does not say.
 */
record FileState(long offset, long lineNumber, Kind kind, int generations) {

    enum Kind { LINE_START, AFTER_LINE, MID_LINE }

    static FileState lineStart(long offset, long lineNumber, int generations) {
        return new FileState(offset, lineNumber, Kind.LINE_START, generations);
    }

    /** Whether a live line starting at {@code lineOffset} follows this position with nothing in between. */
    boolean isFollowedBy(long lineOffset) {
        return kind == Kind.AFTER_LINE ? lineOffset == offset + 1 || lineOffset == offset + 2 : lineOffset == offset;
    }

    /** Whether a live line starting at {@code lineOffset} was already taken. */
    boolean alreadyHas(long lineOffset) {
        return kind == Kind.AFTER_LINE ? lineOffset <= offset : lineOffset < offset;
    }
}
