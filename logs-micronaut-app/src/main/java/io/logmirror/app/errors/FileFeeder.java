package io.logmirror.app.errors;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.time.LineTimes;
import io.logmirror.patterns.LogAnalysis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Feeds a {@link LogAnalysis} from the line feed and, where the feed cannot help (start-up, a missed range), from the
 * store. It remembers per file the last line it fed (number and offset), so that reading a file again from the store
 * continues where the feed left off, and the analysis (which ignores a line number it has seen) counts nothing twice.
 * Methods are synchronized: the start-up scan and the feed's delivery thread take turns.
 */
final class FileFeeder implements LineSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(FileFeeder.class);
    /** Bytes of a line kept for the analysis (the feed's piece limit); the rest of a longer line is skipped. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int HEAD_BYTES = 64 * 1024;

    private final LogStore store;
    private final LogAnalysis analysis;
    private final ZoneId zone;
    private final Clock clock;
    private final Map<LogPath, Position> positions = new HashMap<>();
    private volatile boolean stopped;

    /** The last line fed of a file, and how its lines are dated. */
    private static final class Position {
        long lastLine;
        long lastOffset;
        LineTimes times;
    }

    FileFeeder(LogStore store, LogAnalysis analysis, ZoneId zone, Clock clock) {
        this.store = store;
        this.analysis = analysis;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public synchronized void onLine(LogLine line) {
        Position position = positions.computeIfAbsent(line.path(), p -> new Position());
        if (line.lineNumber() <= position.lastLine) {
            return; // a later piece of a long line, or a line the store scan fed already
        }
        byte[] bytes = line.bytes();
        feed(line.path(), position, line.offset(), line.lineNumber(), bytes, bytes.length, clock.instant());
    }

    @Override
    public synchronized void onReplaced(LogEntry current, LogEntry previous) {
        analysis.fileRewritten(current.path());
        positions.remove(current.path());
    }

    @Override
    public synchronized void onGone(LogEntry entry) {
        analysis.endOfInput(entry.path());
    }

    @Override
    public synchronized void onRemoved(LogEntry entry) {
        if (entry.isCurrent()) {
            analysis.fileRewritten(entry.path()); // forgets its counts; nothing more will come
            positions.remove(entry.path());
        }
    }

    /** Lines were dropped for us: every file is read again from the store from the last line we fed of it. */
    @Override
    public synchronized void onMissed(long first, long last) {
        LOG.warn("error analysis fell behind the line feed (changes {}..{} dropped): reading the files again from the store",
                first, last);
        scanAll(() -> stopped);
    }

    /** Ends a scan in progress at the next file and keeps later ones from starting (the service is stopping). */
    void stop() {
        stopped = true;
    }

    /**
     * Reads every current file (hidden ones too) from the store, from the last line fed of it to its end.
     *
     * @param stop checked between files; true ends the scan early
     * @return files read
     */
    synchronized int scanAll(BooleanSupplier stop) {
        int files = 0;
        for (LogEntry entry : store.list(LogQuery.byPath(Math.max(1, store.fileCount())).withHidden())) {
            if (stopped || stop.getAsBoolean()) {
                break;
            }
            scan(entry);
            files++;
        }
        return files;
    }

    /** Reads one file from the store from the last line fed of it (from the start if none) to its end. */
    synchronized void scan(LogEntry entry) {
        LogPath path = entry.path();
        Position position = positions.computeIfAbsent(path, p -> new Position());
        if (entry.size() < position.lastOffset) {
            // Shorter than what we fed: rewritten while we were not listening.
            analysis.fileRewritten(path);
            positions.remove(path);
            position = positions.computeIfAbsent(path, p -> new Position());
        }
        long startLine = Math.max(1, position.lastLine);
        long startOffset = position.lastOffset;
        try (InputStream in = store.open(entry, startOffset, entry.size() - startOffset)) {
            readLines(in, path, position, startLine, startOffset, entry.modified());
        } catch (IOException e) {
            LOG.warn("error analysis cannot read {} from the store ({}); its counts may be short until it changes again",
                    path, e.toString());
        }
        if (entry.goneRemotely()) {
            analysis.endOfInput(path);
        }
    }

    private void readLines(InputStream in, LogPath path, Position position, long firstLine, long firstOffset,
                           Instant fallback) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] line = new byte[256];
        int length = 0;
        long lineNumber = firstLine;
        long lineOffset = firstOffset;
        long offset = firstOffset;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                offset++;
                if (b == '\n') {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    if (lineNumber > position.lastLine) {
                        feed(path, position, lineOffset, lineNumber, line, end, fallback);
                    }
                    lineNumber++;
                    lineOffset = offset;
                    length = 0;
                } else if (length < MAX_LINE_BYTES) {
                    if (length == line.length) {
                        line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
                    }
                    line[length++] = b;
                }
            }
        }
        // A last line without its newline is left for the feed, which holds it back the same way.
    }

    private void feed(LogPath path, Position position, long offset, long lineNumber, byte[] bytes, int length,
                      Instant fallback) {
        if (position.times == null) {
            position.times = detectTimes(path, fallback);
        }
        long millis = position.times.timeOf(bytes, 0, length);
        Instant time = millis == LineTimes.NO_TIME ? fallback : Instant.ofEpochMilli(millis);
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        try {
            analysis.accept(new io.logmirror.patterns.LogLine(path, offset, lineNumber, text, time));
        } catch (RuntimeException e) {
            LOG.warn("error analysis skipped line {} of {}: {}", lineNumber, path, e.toString());
        }
        position.lastLine = lineNumber;
        position.lastOffset = offset;
    }

    /** The time format of a file, from its first bytes in the store. */
    private LineTimes detectTimes(LogPath path, Instant fallback) {
        Optional<LogEntry> entry = store.find(path);
        if (entry.isPresent()) {
            int want = (int) Math.min(HEAD_BYTES, entry.get().size());
            try (InputStream in = store.open(entry.get(), 0, want)) {
                byte[] head = in.readNBytes(want);
                return LineTimes.detect(head, 0, head.length, zone, entry.get().modified());
            } catch (IOException e) {
                LOG.debug("cannot read the head of {} to date its lines: {}", path, e.getMessage());
            }
        }
        return LineTimes.detect(new byte[0], 0, 0, zone, fallback);
    }
}
