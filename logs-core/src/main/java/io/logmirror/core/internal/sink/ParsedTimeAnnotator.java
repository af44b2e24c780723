package io.logmirror.core.internal.sink;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.LineAnnotator;
import io.logmirror.core.sink.SinkLine;
import io.logmirror.core.time.LineTimeFormat;
import io.logmirror.core.time.LineTimes;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default {@link LineAnnotator}: a line's own time ({@link LineTimes}, the format detected once per file from its
 * first bytes, read through the store), else the time of the line before it in the same file, else its arrival time.
 */
public final class ParsedTimeAnnotator implements LineAnnotator {

    private static final int HEAD_BYTES = 16 * 1024;
    private static final int FILES_REMEMBERED = 4096;

    private final LogStore store;
    private final ZoneId zone;
    private final Map<LogPath, LineTimes> times = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LogPath, LineTimes> eldest) {
            return size() > FILES_REMEMBERED;
        }
    };

    public ParsedTimeAnnotator(LogStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    @Override
    public synchronized SinkLine annotate(LogLine line, Instant arrival) {
        LineTimes fileTimes = times.computeIfAbsent(line.path(), this::detect);
        byte[] bytes = line.bytes();
        Optional<Instant> parsed = LineTimes.toInstant(fileTimes.timeOf(bytes, 0, bytes.length));
        return SinkLine.of(line, parsed.orElse(arrival));
    }

    /** Forgets what was detected for {@code path} (its content was rewritten). */
    synchronized void forget(LogPath path) {
        times.remove(path);
    }

    private LineTimes detect(LogPath path) {
        Optional<LogEntry> entry = store.find(path);
        if (entry.isEmpty()) {
            return LineTimes.of(LineTimeFormat.NONE, zone, Instant.now());
        }
        try (InputStream in = store.open(entry.get(), 0, HEAD_BYTES)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            return LineTimes.detect(head, 0, head.length, zone, entry.get().modified());
        } catch (IOException e) {
            return LineTimes.of(LineTimeFormat.NONE, zone, entry.get().modified());
        }
    }
}
