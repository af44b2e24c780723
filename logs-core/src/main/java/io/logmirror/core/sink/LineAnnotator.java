package io.logmirror.core.sink;

import io.logmirror.core.feed.LogLine;

import java.time.Instant;

/**
 * Turns a line into the {@link SinkLine} a backend receives: the hook where a timestamp parser and error detection
 * add the line's own time, level and pattern id. Without one, a sink stamps each line with the time parsed from it, else
 * the time of the line before it, else its arrival time (see {@link SinkOptions#annotator()}).
 *
 * <p>Called on the sink's thread, once per line; it must be fast and must not block. It may be shared between sinks,
 * so it must be thread-safe.
 */
@FunctionalInterface
public interface LineAnnotator {

    /** Stamps every line with its arrival time and no level or pattern. */
    LineAnnotator ARRIVAL_TIME = SinkLine::of;

    /**
     * @param line    the line
     * @param arrival when the line arrived in the mirror (see {@link SinkLine#time()})
     */
    SinkLine annotate(LogLine line, Instant arrival);
}
