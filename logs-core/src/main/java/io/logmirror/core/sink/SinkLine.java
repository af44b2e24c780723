package io.logmirror.core.sink;

import io.logmirror.core.feed.LogLine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line as a {@link SinkBackend} receives it: the line, its time and what error detection found in it.
 *
 * @param line      the line (its {@code sequence} is 0 when it was read back from the store rather than from the feed)
 * @param time      the time parsed from the line, else the time it arrived in the mirror (for a line read back from
 *                  the store after a restart or an outage: the file's modification time when it was read)
 * @param level     the log level, when known (for example {@code error})
 * @param patternId the id of the line's pattern, when known
 */
public record SinkLine(LogLine line, Instant time, Optional<String> level, Optional<String> patternId) {

    public SinkLine {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(patternId, "patternId");
    }

    /** A line with a time and nothing else known about it. */
    public static SinkLine of(LogLine line, Instant time) {
        return new SinkLine(line, time, Optional.empty(), Optional.empty());
    }
}
