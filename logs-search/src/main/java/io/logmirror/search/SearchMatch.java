package io.logmirror.search;

import io.logmirror.core.LogEntry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One matching line.
 *
 * @param entry      the file it is in, as the store listed it when the search began
 * @param lineNumber its number in the file, from 1 (as {@code rg -n} counts)
 * @param byteOffset the offset of its first byte in the file
 * @param line       its text without the newline, decoded as UTF-8 (malformed bytes become U+FFFD)
 * @param time       its time: its own, or the previous line's when it has none (see
 *                   {@link io.logmirror.core.time.LineTimes}); empty when the file has no recognized times
 * @param before     up to {@link SearchQuery#before()} lines before it, in file order
 * @param after      up to {@link SearchQuery#after()} lines after it, in file order
 */
public record SearchMatch(LogEntry entry, long lineNumber, long byteOffset, String line, Optional<Instant> time,
                          List<ContextLine> before, List<ContextLine> after) {

    public SearchMatch {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(time, "time");
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
