package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One complete line of a mirrored file, as the line feed delivers it: the file, the byte offset
 * of the line's first byte, its 1-based line number, its text without the line terminator, and
 * the time it is attributed to (the time it was synced, or a time parsed from it).
 *
 * <pre>{@code
 * LogLine line = new LogLine(LogPath.of("slurm-123.out"), 0, 1, "srun: error: task 0: Exited with exit code 1",
 *         Instant.now());
 * }</pre>
 *
 * @param path the file the line belongs to
 * @param offset the byte offset of the line's first byte in the file, 0 or more
 * @param lineNumber the 1-based line number
 * @param text the line without its terminator
 * @param time when the line is attributed to; used for first/last seen and time filters
 */
public record LogLine(LogPath path, long offset, long lineNumber, String text, Instant time) {

    public LogLine {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        if (offset < 0) {
            throw new IllegalArgumentException("offset of a line must be 0 or more, not " + offset + " (in " + path + ")");
        }
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber is 1-based, not " + lineNumber + " (in " + path + ")");
        }
    }

    /**
     * Numbers plain lines of one file from the start: line numbers from 1, offsets counted as UTF-8
     * bytes with one {@code '\n'} after each line, all at {@code time}. Handy for feeding a whole file
     * or a test fixture from any {@code Iterable} of strings.
     */
    public static List<LogLine> of(LogPath path, Iterable<String> lines, Instant time) {
        return numbered(path, lines, 1, 0, time);
    }

    /** Like {@link #of} but continuing a file from a known line number and byte offset (a later chunk). */
    public static List<LogLine> numbered(LogPath path, Iterable<String> lines, long firstLineNumber, long firstOffset,
            Instant time) {
        List<LogLine> out = new ArrayList<>();
        long number = firstLineNumber;
        long offset = firstOffset;
        for (String text : lines) {
            out.add(new LogLine(path, offset, number++, text, time));
            offset += utf8Length(text) + 1;
        }
        return out;
    }

    /** The location of this line. */
    public Location location() {
        return new Location(path, lineNumber, offset);
    }

    static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
