package io.logmirror.core.time;

import io.logmirror.core.time.internal.TimeParsers;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the time at the start of each line of one log file, cheaply: the format is detected once from the file's
 * first lines ({@link #detect}), then each line costs a few byte comparisons, with no String and no allocation. A
 * line without a time of its own (a stack trace, a continuation) inherits the previous line's ({@link #timeOf}).
 *
 * <p>Times are epoch milliseconds, {@link #NO_TIME} for none, so that a scan over millions of lines allocates
 * nothing. Times written without an offset are in the zone given (the service's), and formats without a year (vLLM,
 * syslog, glog) take the file's year, or the one before when the line would be more than a day after the file's
 * modification time (a December line in a file written in January).
 *
 * <p>An instance keeps the last time seen: it is not thread-safe; use one per file and per reading thread. Lines must
 * be given in file order for inheritance to mean anything.
 *
 * <pre>{@code
 * LineTimes times = LineTimes.detect(head, 0, headLength, ZoneId.systemDefault(), entry.modified());
 * for (each line [start, end) of the file, in order) {
 *     long millis = times.timeOf(bytes, start, end);   // the line's own time, or the previous line's
 *     if (millis != LineTimes.NO_TIME && millis >= since) { ... }
 * }
 * }</pre>
 */
public final class LineTimes {

    /** Returned for a line without a time (and, by {@link #timeOf}, before the first line that has one). */
    public static final long NO_TIME = TimeParsers.NONE;

    /** How many lines {@link #detect} looks at, at most. */
    public static final int DETECTION_LINES = 64;

    private static final LineTimeFormat[] CANDIDATES = {LineTimeFormat.ISO_8601, LineTimeFormat.JSON,
            LineTimeFormat.LOGFMT, LineTimeFormat.VLLM, LineTimeFormat.GLOG, LineTimeFormat.SYSLOG};

    private final LineTimeFormat format;
    private final int jsonKey;
    private final TimeParsers parsers;
    private long last = NO_TIME;

    private LineTimes(LineTimeFormat format, int jsonKey, TimeParsers parsers) {
        this.format = format;
        this.jsonKey = jsonKey;
        this.parsers = parsers;
    }

    /**
     * Picks the format that dates the most of the first {@value #DETECTION_LINES} lines in {@code head[offset,
     * offset + length)} (the start of the file; a last line without a newline counts). Ties go to the order of
     * {@link LineTimeFormat}. {@link LineTimeFormat#NONE} when no line has a recognized time.
     *
     * @param zone     the zone of times written without an offset (the service's)
     * @param fileTime the file's modification time, which gives the year to formats without one
     * @throws IndexOutOfBoundsException when the range lies outside {@code head}
     */
    public static LineTimes detect(byte[] head, int offset, int length, ZoneId zone, Instant fileTime) {
        Objects.checkFromIndexSize(offset, length, head.length);
        TimeParsers parsers = new TimeParsers(Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(fileTime, "fileTime"));
        Map<LineTimeFormat, Integer> hits = new EnumMap<>(LineTimeFormat.class);
        int[] jsonHits = new int[TimeParsers.JSON_KEYS.length];
        int end = offset + length;
        int start = offset;
        for (int line = 0; line < DETECTION_LINES && start < end; line++) {
            int stop = start;
            while (stop < end && head[stop] != '\n') {
                stop++;
            }
            for (LineTimeFormat candidate : CANDIDATES) {
                if (candidate == LineTimeFormat.JSON) {
                    for (int key = 0; key < jsonHits.length; key++) {
                        if (parsers.json(key, head, start, stop) != NO_TIME) {
                            jsonHits[key]++;
                        }
                    }
                } else if (parsers.parse(candidate, -1, head, start, stop) != NO_TIME) {
                    hits.merge(candidate, 1, Integer::sum);
                }
            }
            start = stop + 1;
        }
        int bestKey = 0;
        for (int key = 1; key < jsonHits.length; key++) {
            if (jsonHits[key] > jsonHits[bestKey]) {
                bestKey = key;
            }
        }
        hits.put(LineTimeFormat.JSON, jsonHits[bestKey]);
        LineTimeFormat best = LineTimeFormat.NONE;
        int bestHits = 0;
        for (LineTimeFormat candidate : CANDIDATES) {
            int count = hits.getOrDefault(candidate, 0);
            if (count > bestHits) {
                best = candidate;
                bestHits = count;
            }
        }
        return new LineTimes(best, best == LineTimeFormat.JSON ? bestKey : -1, parsers);
    }

    /** A reader of a known {@code format} (for JSON, any of the recognized keys), without detection. */
    public static LineTimes of(LineTimeFormat format, ZoneId zone, Instant fileTime) {
        return new LineTimes(Objects.requireNonNull(format, "format"), -1,
                new TimeParsers(Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(fileTime, "fileTime")));
    }

    /** The format this file's lines are read in. */
    public LineTimeFormat format() {
        return format;
    }

    /** Whether lines of this file can have times at all (the format is not {@link LineTimeFormat#NONE}). */
    public boolean hasTimes() {
        return format != LineTimeFormat.NONE;
    }

    /**
     * The line's own time in epoch milliseconds, or {@link #NO_TIME}; remembered for {@link #timeOf} when found.
     * {@code bytes[from, to)} is the line without its newline.
     */
    public long parse(byte[] bytes, int from, int to) {
        long time = parsers.parse(format, jsonKey, bytes, from, to);
        if (time != NO_TIME) {
            last = time;
        }
        return time;
    }

    /** The line's own time, or else the last time {@link #parse} or this method found; {@link #NO_TIME} before any. */
    public long timeOf(byte[] bytes, int from, int to) {
        long time = parse(bytes, from, to);
        return time != NO_TIME ? time : last;
    }

    /** The last time found so far, or {@link #NO_TIME}. */
    public long lastTime() {
        return last;
    }

    /** {@code millis} as an instant; empty for {@link #NO_TIME}. */
    public static Optional<Instant> toInstant(long millis) {
        return millis == NO_TIME ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
