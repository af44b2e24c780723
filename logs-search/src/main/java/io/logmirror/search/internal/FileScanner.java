package io.logmirror.search.internal;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogStore;
import io.logmirror.core.time.LineTimes;
import io.logmirror.search.ContextLine;
import io.logmirror.search.SearchMatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans one file for one search: large sequential reads through {@link LogStore#open} into a reused buffer, the
 * matcher jumping from candidate to candidate, newlines counted eight bytes at a time, and a String made only for a
 * matching line and its context. The time of a line is looked up only for candidate lines. Not thread-safe: one per
 * scanning thread, reused across files.
 */
final class FileScanner {

    /** Bytes asked for per read. */
    static final int READ_SIZE = 1 << 20;
    /** A line longer than this is searched in pieces of this size. */
    static final int MAX_LINE = 64 << 20;
    /** At most this many bytes of earlier lines are kept across reads for context before a match. */
    static final int MAX_KEPT_CONTEXT = 256 << 10;
    private static final int DETECTION_BYTES = 64 << 10;

    /** Where the matches of one file go. */
    interface Output {
        /** Takes a match in file order; false stops this file. */
        boolean add(SearchMatch match);

        /** Whether the whole search was stopped. */
        boolean stopped();

        /** Called between reads: matches held back for batching should be handed on now. */
        void flush();
    }

    private final LogStore store;
    private final SearchPlan plan;
    private final LineMatcher matcher;
    private final ZoneId zone;
    private byte[] buf = new byte[READ_SIZE * 2];

    FileScanner(LogStore store, SearchPlan plan, ZoneId zone) {
        this.store = store;
        this.plan = plan;
        this.matcher = plan.newMatcher();
        this.zone = zone;
    }

    /** A match still collecting its lines of context after it. */
    private static final class Pending {
        final LogEntry entry;
        final long lineNumber;
        final long offset;
        final String line;
        final Optional<Instant> time;
        final List<ContextLine> before;
        final List<ContextLine> after = new ArrayList<>();
        int wanted;

        Pending(LogEntry entry, long lineNumber, long offset, String line, Optional<Instant> time, List<ContextLine> before, int wanted) {
            this.entry = entry;
            this.lineNumber = lineNumber;
            this.offset = offset;
            this.line = line;
            this.time = time;
            this.before = before;
            this.wanted = wanted;
        }

        SearchMatch match() {
            return new SearchMatch(entry, lineNumber, offset, line, time, before, after);
        }
    }

    /**
     * Scans {@code entry} up to its listed size, giving matches to {@code out}; returns the bytes read.
     *
     * @throws IOException when the file cannot be read
     */
    long scan(LogEntry entry, Output out) throws IOException {
        long fileTime = entry.modified().toEpochMilli();
        int afterWanted = plan.query().after();
        int beforeWanted = plan.query().before();
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        long bytesRead = 0;
        try (InputStream in = store.open(entry, 0, entry.size())) {
            int len = 0;
            int pos = 0;
            long bufOffset = 0;
            long lineNumber = 1;   // the number of the line starting at `counted`
            int counted = 0;
            long knownTime = LineTimes.NO_TIME; // the time of the last timed line starting before timeCursor
            int timeCursor = 0;
            LineTimes times = null;
            boolean eof = false;
            while (true) {
                out.flush();
                if (out.stopped()) {
                    return bytesRead;
                }
                while (!eof && len < buf.length) {
                    int n = in.read(buf, len, Math.min(READ_SIZE, buf.length - len));
                    if (n < 0) {
                        eof = true;
                    } else {
                        len += n;
                        bytesRead += n;
                        if (len - pos >= READ_SIZE) {
                            break;
                        }
                    }
                }
                int complete;
                if (eof) {
                    complete = len;
                } else {
                    int lastNewline = ByteScan.lastNewline(buf, pos, len);
                    if (lastNewline >= 0) {
                        complete = lastNewline + 1;
                    } else if (buf.length < MAX_LINE + READ_SIZE) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2); // one line longer than the buffer
                        continue;
                    } else {
                        complete = len; // a line longer than MAX_LINE: searched in pieces
                    }
                }
                // Lines after the pending matches' lines are their context after.
                if (!pending.isEmpty()) {
                    int at = pos;
                    int most = 0;
                    for (Pending p : pending) {
                        most = Math.max(most, p.wanted);
                    }
                    long number = lineNumber + ByteScan.countNewlines(buf, counted, pos);
                    for (int k = 0; k < most && at < complete; k++) {
                        int end = lineEnd(at, complete);
                        ContextLine context = new ContextLine(number + k, text(at, end));
                        for (Pending p : pending) {
                            if (p.wanted > 0) {
                                p.after.add(context);
                                p.wanted--;
                            }
                        }
                        at = end + 1;
                    }
                    if (!flush(pending, out, eof)) {
                        return bytesRead;
                    }
                }
                while (pos < complete) {
                    int candidate = matcher.candidate(buf, pos, complete);
                    if (candidate < 0) {
                        break;
                    }
                    int start = lineStart(candidate, pos);
                    int end = lineEnd(candidate, complete);
                    if (matcher.matches(buf, start, end)) {
                        lineNumber += ByteScan.countNewlines(buf, counted, start);
                        counted = start;
                        long lineTime = LineTimes.NO_TIME;
                        if (times == null) {
                            times = detect(entry, bufOffset, len); // the buffer still starts at the file's start
                        }
                        if (times.hasTimes()) {
                            lineTime = times.parse(buf, start, end);
                            if (lineTime == LineTimes.NO_TIME) {
                                lineTime = timeBefore(times, start, timeCursor, knownTime);
                            }
                            knownTime = lineTime;
                            timeCursor = start;
                        }
                        long filterTime = lineTime == LineTimes.NO_TIME ? fileTime : lineTime;
                        if (!plan.hasTimeBounds() || plan.inTime(filterTime)) {
                            Pending match = new Pending(entry, lineNumber, bufOffset + start, text(start, end),
                                    LineTimes.toInstant(lineTime), before(start, beforeWanted, lineNumber), afterWanted);
                            int at = end + 1;
                            while (match.wanted > 0 && at < complete) {
                                int e = lineEnd(at, complete);
                                match.after.add(new ContextLine(lineNumber + match.after.size() + 1, text(at, e)));
                                match.wanted--;
                                at = e + 1;
                            }
                            pending.add(match);
                            if (!flush(pending, out, eof)) {
                                return bytesRead;
                            }
                        }
                    }
                    pos = end + 1;
                }
                if (eof) {
                    flush(pending, out, true);
                    return bytesRead;
                }
                pos = complete;
                lineNumber += ByteScan.countNewlines(buf, counted, complete);
                counted = complete;
                if (times == null) {
                    times = detect(entry, bufOffset, len); // before the file's head leaves the buffer
                }
                if (times.hasTimes() && timeCursor < complete) {
                    knownTime = timeBefore(times, complete, timeCursor, knownTime);
                    timeCursor = complete;
                }
                int keep = keepFrom(complete, beforeWanted);
                System.arraycopy(buf, keep, buf, 0, len - keep);
                len -= keep;
                pos -= keep;
                counted -= keep;
                timeCursor -= keep;
                bufOffset += keep;
                // the kept lines before `counted` were already counted: line numbers stay right
            }
        }
    }

    /**
     * The file's time format, read from its head: done only when a line matches or before the first read is
     * discarded, so that the many small files without a match cost no detection.
     */
    private LineTimes detect(LogEntry entry, long bufOffset, int len) {
        if (bufOffset != 0) {
            throw new IllegalStateException("the head of " + entry.path() + " already left the buffer");
        }
        return LineTimes.detect(buf, 0, Math.min(len, DETECTION_BYTES), zone, entry.modified());
    }

    /** Emits the pending matches whose context is complete; false when the output wants no more of this file. */
    private static boolean flush(ArrayDeque<Pending> pending, Output out, boolean eof) {
        while (!pending.isEmpty() && (pending.peekFirst().wanted == 0 || eof)) {
            if (!out.add(pending.pollFirst().match())) {
                return false;
            }
        }
        return true;
    }

    /** The time of the last timed line starting in {@code [floor, at)}, else {@code known}. */
    private long timeBefore(LineTimes times, int at, int floor, long known) {
        int end = at - 1; // the newline ending the line before `at`
        while (end >= floor && end >= 0) {
            int start = lineStart(end, Math.max(floor, 0));
            long time = times.parse(buf, start, end);
            if (time != LineTimes.NO_TIME) {
                return time;
            }
            end = start - 1;
        }
        return known;
    }

    /** Up to {@code wanted} lines before the line starting at {@code start}, within the buffer. */
    private List<ContextLine> before(int start, int wanted, long lineNumber) {
        if (wanted == 0) {
            return List.of();
        }
        List<ContextLine> lines = new ArrayList<>(wanted);
        int end = start - 1;
        for (int k = 1; k <= wanted && end >= 0; k++) {
            int s = lineStart(end, 0);
            lines.add(0, new ContextLine(lineNumber - k, text(s, end)));
            end = s - 1;
        }
        return lines;
    }

    /** Where to cut the buffer after a read: the start of the {@code before}-th line before {@code complete}. */
    private int keepFrom(int complete, int before) {
        int keep = complete;
        for (int k = 0; k < before && keep > 0; k++) {
            int s = lineStart(keep - 1, 0);
            if (complete - s > MAX_KEPT_CONTEXT) {
                break;
            }
            keep = s;
        }
        return keep;
    }

    /** The start of the line holding index {@code i}, not before {@code floor}. */
    private int lineStart(int i, int floor) {
        for (int j = i - 1; j >= floor; j--) {
            if (buf[j] == '\n') {
                return j + 1;
            }
        }
        return floor;
    }

    /** The index of the newline ending the line holding {@code i}, or {@code limit}. */
    private int lineEnd(int i, int limit) {
        int newline = ByteScan.indexOf(buf, i, limit, (byte) '\n', false);
        return newline < 0 ? limit : newline;
    }

    private String text(int start, int end) {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }
}
