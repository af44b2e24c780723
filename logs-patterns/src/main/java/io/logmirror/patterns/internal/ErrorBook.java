package io.logmirror.patterns.internal;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.patterns.ErrorEvent;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.Location;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Error and warning events grouped by pattern, kind and level; per group, one cell per file with its
 * count, first and last time, a few sample locations and per-minute counts for time windows. Events
 * themselves are not kept, so memory grows with groups and files, not with events.
 */
final class ErrorBook {

    private static final class Group {
        final String patternId;
        final String kind;
        final Level level;
        final Map<LogPath, Cell> cells = new LinkedHashMap<>(2);

        Group(String patternId, String kind, Level level) {
            this.patternId = patternId;
            this.kind = kind;
            this.level = level;
        }
    }

    private static final class Cell {
        final Category category;
        long count;
        Instant first;
        Instant last;
        String example;
        final List<Location> samples = new ArrayList<>(1);
        final TimeBuckets minutes = new TimeBuckets();

        Cell(Category category) {
            this.category = category;
        }
    }

    private final Map<String, Group> groups = new HashMap<>();
    private final int samplesPerCell;

    ErrorBook(int samplesPerCell) {
        this.samplesPerCell = samplesPerCell;
    }

    void add(ErrorEvent event, Category category) {
        String key = event.patternId() + '\u0000' + event.kind() + '\u0000' + event.level().ordinal();
        Group group = groups.computeIfAbsent(key, k -> new Group(event.patternId(), event.kind(), event.level()));
        Cell cell = group.cells.computeIfAbsent(event.location().path(), p -> new Cell(category));
        cell.count++;
        Instant time = event.time();
        if (cell.first == null || time.isBefore(cell.first)) {
            cell.first = time;
        }
        if (cell.last == null || time.isAfter(cell.last)) {
            cell.last = time;
        }
        if (cell.example == null) {
            cell.example = event.message();
        }
        if (cell.samples.size() < samplesPerCell) {
            cell.samples.add(event.location());
        }
        cell.minutes.add(Math.floorDiv(time.getEpochSecond(), 60));
    }

    /** Forgets a file's events. */
    void forget(LogPath path) {
        groups.values().removeIf(g -> g.cells.remove(path) != null && g.cells.isEmpty());
    }

    List<ErrorGroup> query(ErrorQuery q, Set<LogPath> onlyFiles, Function<String, String> templates) {
        // templates gives null for an evicted pattern; the group then shows its first message
        long from = q.since().map(t -> Math.floorDiv(t.getEpochSecond(), 60)).orElse(Long.MIN_VALUE);
        long to = q.until().map(t -> Math.floorDiv(t.getEpochSecond() + 59, 60)).orElse(Long.MAX_VALUE);
        boolean windowed = q.since().isPresent() || q.until().isPresent();
        List<ErrorGroup> out = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.level.compareTo(q.minLevel()) < 0) {
                continue;
            }
            long count = 0;
            Instant first = null;
            Instant last = null;
            String example = null;
            List<LogPath> files = new ArrayList<>();
            List<Location> samples = new ArrayList<>();
            for (Map.Entry<LogPath, Cell> e : g.cells.entrySet()) {
                LogPath path = e.getKey();
                Cell cell = e.getValue();
                if (q.path().isPresent() && !q.path().get().equals(path)
                        || q.category().isPresent() && !q.category().get().equals(cell.category)
                        || onlyFiles != null && !onlyFiles.contains(path)) {
                    continue;
                }
                long n = cell.count;
                Instant a = cell.first;
                Instant b = cell.last;
                if (windowed) {
                    long[] r = cell.minutes.range(from, to);
                    if (r == null) {
                        continue;
                    }
                    n = r[0];
                    a = max(a, Instant.ofEpochSecond(r[1] * 60));
                    b = min(b, Instant.ofEpochSecond(r[2] * 60 + 59));
                }
                count += n;
                first = first == null || a.isBefore(first) ? a : first;
                last = last == null || b.isAfter(last) ? b : last;
                files.add(path);
                example = example == null ? cell.example : example;
                for (Location l : cell.samples) {
                    if (samples.size() < q.samples()) {
                        samples.add(l);
                    }
                }
            }
            if (count > 0) {
                String template = templates.apply(g.patternId);
                out.add(new ErrorGroup(g.patternId, template == null ? example : template, g.kind, g.level, count, first, last,
                        files, samples, example));
            }
        }
        out.sort(Comparator.comparingLong(ErrorGroup::count).reversed().thenComparing(ErrorGroup::lastSeen,
                Comparator.reverseOrder()).thenComparing(ErrorGroup::patternId));
        return out.size() > q.limit() ? new ArrayList<>(out.subList(0, q.limit())) : out;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
