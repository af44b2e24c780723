package io.logmirror.app.follow;

import io.logmirror.app.http.LogLocator;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.ResyncRequiredException;
import io.logmirror.core.time.LineTimes;
import io.logmirror.patterns.Level;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one follower's events: the JSON of each line with its level and its time (the file's time format is
 * detected once per file, from its first 64 KiB). Not thread-safe: one per follower, used in order.
 */
final class LineEvents {

    private static final int HEAD_BYTES = 64 * 1024;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private final JsonMapper json;
    private final LogStore store;
    private final ZoneId zone;
    private final Map<LogPath, LineTimes> times = new HashMap<>();

    LineEvents(JsonMapper json, LogStore store, ZoneId zone) {
        this.json = json;
        this.store = store;
        this.zone = zone;
    }

    /** The {@code line} event, or empty when the line is below {@code minimum} (or shows no level while one is asked). */
    Optional<FollowEvent> line(StoreLines.Line line, Optional<String> id, Optional<Level> minimum) {
        String text = new String(line.bytes(), StandardCharsets.UTF_8);
        Optional<Level> level = Level.detect(text);
        if (minimum.isPresent() && (level.isEmpty() || level.get().compareTo(minimum.get()) < 0)) {
            return Optional.empty();
        }
        long millis = timesOf(line.path()).parse(line.bytes(), 0, line.bytes().length);
        String time = millis == LineTimes.NO_TIME ? null
                : MILLIS.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone));
        return Optional.of(new FollowEvent(FollowEvent.LINE, id, write(new FollowBodies.Line(
                LogLocator.logsPath(line.path().toString()), line.offset(), line.lineNumber(), text, time,
                level.map(Level::wireName).orElse(null), line.continues()))));
    }

    FollowEvent replaced(LogEntry current, LogEntry previous) {
        times.remove(current.path());
        return new FollowEvent(FollowEvent.REPLACED, Optional.empty(), write(new FollowBodies.Marker(
                LogLocator.logsPath(current.path().toString()), previous.generation())));
    }

    FollowEvent gone(LogEntry entry) {
        return new FollowEvent(FollowEvent.GONE, Optional.empty(), write(new FollowBodies.Marker(
                LogLocator.logsPath(entry.path().toString()), null)));
    }

    /** {@code count} lines were dropped, the first of them {@code first}, resumable from {@code sinceId}. */
    FollowEvent dropped(long count, StoreLines.Line first, String sinceId) {
        return new FollowEvent(FollowEvent.DROPPED, Optional.empty(), write(new FollowBodies.Dropped(count,
                LogLocator.logsPath(first.path().toString()), first.offset(),
                first.sequence() < 0 ? null : first.sequence(), sinceId, false)));
    }

    /** Markers (not lines) were dropped: nothing to re-read. */
    FollowEvent droppedMarkers(long count) {
        return new FollowEvent(FollowEvent.DROPPED, Optional.empty(), write(new FollowBodies.Dropped(count, null, null,
                null, null, false)));
    }

    /** The mirror's own feed dropped changes {@code first..last} for this follower. */
    FollowEvent missedChanges(long first, long last) {
        return new FollowEvent(FollowEvent.DROPPED, Optional.empty(), write(new FollowBodies.Dropped(last - first + 1,
                null, null, first, (first - 1) + "", true)));
    }

    /** The journal no longer holds where the client asked to resume from: the changes between are lost to it. */
    FollowEvent resyncNeeded(ResyncRequiredException e) {
        return new FollowEvent(FollowEvent.DROPPED, Optional.empty(), write(new FollowBodies.Dropped(
                Math.max(0, e.oldestAvailable() - e.requested()), null, null, e.requested(), null, true)));
    }

    private LineTimes timesOf(LogPath path) {
        return times.computeIfAbsent(path, p -> {
            Optional<LogEntry> entry = store.find(p);
            if (entry.isEmpty()) {
                return LineTimes.detect(new byte[0], 0, 0, zone, Instant.now());
            }
            int length = (int) Math.min(HEAD_BYTES, entry.get().size());
            try (InputStream in = store.open(entry.get(), 0, length)) {
                byte[] head = in.readNBytes(length);
                return LineTimes.detect(head, 0, head.length, zone, entry.get().modified());
            } catch (IOException e) {
                return LineTimes.detect(new byte[0], 0, 0, zone, entry.get().modified());
            }
        });
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a follow event as JSON: " + e.getMessage(), e);
        }
    }
}
