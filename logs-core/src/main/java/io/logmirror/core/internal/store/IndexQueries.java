package io.logmirror.core.internal.store;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogFolder;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@link LogQuery} and folder browsing from a {@link LogIndex}'s orders: a seek (O(log n)) to where the page
 * starts, then a walk of the entries in order. Newest first merges the per-category orders; path order walks the path
 * order. Filters that the order does not serve are checked per entry walked. The caller holds the read lock.
 */
final class IndexQueries {

    private final LogIndex index;

    IndexQueries(LogIndex index) {
        this.index = index;
    }

    List<LogEntry> list(LogQuery query) {
        return query.order() == LogQuery.Order.PATH ? byPath(query) : newestFirst(query);
    }

    private List<LogEntry> newestFirst(LogQuery query) {
        List<LogEntry> result = new ArrayList<>(Math.min(query.limit(), 1024));
        int[] categories;
        if (query.category().isPresent()) {
            Optional<Integer> c = index.categoryIdOf(query.category().get());
            if (c.isEmpty()) {
                return result;
            }
            categories = new int[] {c.get()};
        } else {
            categories = new int[index.categories.size()];
            for (int c = 0; c < categories.length; c++) {
                categories[c] = c;
            }
        }
        long untilSeconds = query.until().map(Instant::getEpochSecond).orElse(Long.MAX_VALUE);
        int untilNanos = query.until().map(Instant::getNano).orElse(0);
        Optional<byte[]> cursorPath = query.after().map(cursor -> LogIndex.key(cursor.path()));
        long cursorSeconds = query.after().map(cursor -> cursor.modified().getEpochSecond()).orElse(0L);
        int cursorNanos = query.after().map(cursor -> cursor.modified().getNano()).orElse(0);
        IdTreap.Probe start = id -> (query.until().isPresent() && compareTime(id, untilSeconds, untilNanos) >= 0)
                || (cursorPath.isPresent() && !afterCursor(id, cursorSeconds, cursorNanos, cursorPath.get()));
        IdTreap.Walk[] walks = new IdTreap.Walk[categories.length];
        int[] heads = new int[categories.length];
        for (int i = 0; i < categories.length; i++) {
            walks[i] = index.byTime.seek(index.roots[categories[i]], start);
            heads[i] = walks[i].next();
        }
        long sinceSeconds = query.since().map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
        int sinceNanos = query.since().map(Instant::getNano).orElse(0);
        Filter filter = new Filter(query, false);
        int skip = query.offset();
        while (result.size() < query.limit()) {
            int best = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != LogIndex.NIL && (best == -1 || index.newerFirst(heads[i], heads[best]))) {
                    best = i;
                }
            }
            if (best == -1) {
                break;
            }
            int id = heads[best];
            if (query.since().isPresent() && compareTime(id, sinceSeconds, sinceNanos) < 0) {
                break; // every later entry of every walk is older still
            }
            heads[best] = walks[best].next();
            if (filter.accepts(id)) {
                if (skip > 0) {
                    skip--;
                } else {
                    result.add(index.entry(id));
                }
            }
        }
        return result;
    }

    private List<LogEntry> byPath(LogQuery query) {
        List<LogEntry> result = new ArrayList<>(Math.min(query.limit(), 1024));
        Optional<byte[]> prefix = query.pathPrefix().map(p -> p.getBytes(StandardCharsets.UTF_8));
        Optional<byte[]> cursor = query.after().map(c -> LogIndex.key(c.path()));
        IdTreap.Walk walk = index.byPath.seek(index.pathRoot, id ->
                (prefix.isPresent() && Arrays.compareUnsigned(index.paths[id], prefix.get()) < 0)
                || (cursor.isPresent() && Arrays.compareUnsigned(index.paths[id], cursor.get()) <= 0));
        Filter filter = new Filter(query, true);
        int skip = query.offset();
        for (int id = walk.next(); id != LogIndex.NIL && result.size() < query.limit(); id = walk.next()) {
            if (prefix.isPresent() && !startsWith(index.paths[id], prefix.get())) {
                break; // the paths with this prefix are contiguous in path order
            }
            if (filter.accepts(id)) {
                if (skip > 0) {
                    skip--;
                } else {
                    result.add(index.entry(id));
                }
            }
        }
        return result;
    }

    /**
     * The files directly in {@code folder} (empty for the top) and its sub-folders, both by path. Costs O(log n) per
     * sub-folder plus one step per file: a sub-folder's files are skipped with one seek.
     */
    LogFolder children(Optional<LogPath> folder, boolean includeHidden) {
        byte[] prefix = folder.map(f -> (f + "/").getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        List<LogPath> folders = new ArrayList<>();
        List<LogEntry> files = new ArrayList<>();
        IdTreap.Walk walk = index.byPath.seek(index.pathRoot, id -> Arrays.compareUnsigned(index.paths[id], prefix) < 0);
        for (int id = walk.next(); id != LogIndex.NIL; id = walk.next()) {
            byte[] path = index.paths[id];
            if (!startsWith(path, prefix)) {
                break;
            }
            int slash = indexOf(path, (byte) '/', prefix.length);
            if (slash < 0) {
                if (includeHidden || !index.hidden(id)) {
                    files.add(index.entry(id));
                }
                continue;
            }
            folders.add(LogPath.of(new String(path, 0, slash, StandardCharsets.UTF_8)));
            // Everything under "<prefix><name>/" sorts before "<prefix><name>0" ('0' follows '/'): skip it at once.
            byte[] next = Arrays.copyOf(path, slash + 1);
            next[slash] = '/' + 1;
            walk = index.byPath.seek(index.pathRoot, other -> Arrays.compareUnsigned(index.paths[other], next) < 0);
        }
        // "sub-2/x" sorts before "sub/x" ('-' before '/'): the folders, by name.
        folders.sort(java.util.Comparator.comparing(LogPath::toString));
        return new LogFolder(folder, folders, files);
    }

    /** The filters the walk's order does not serve. */
    private final class Filter {
        private final LogQuery query;
        private final boolean checkTimeAndCategory;
        private final Optional<byte[]> prefix;
        private final int category;

        Filter(LogQuery query, boolean pathOrder) {
            this.query = query;
            this.checkTimeAndCategory = pathOrder;
            this.prefix = pathOrder ? Optional.empty() : query.pathPrefix().map(p -> p.getBytes(StandardCharsets.UTF_8));
            this.category = query.category().flatMap(index::categoryIdOf).orElse(-1);
        }

        boolean accepts(int id) {
            if (!query.includeHidden() && index.hidden(id)) {
                return false;
            }
            if (prefix.isPresent() && !startsWith(index.paths[id], prefix.get())) {
                return false;
            }
            if (checkTimeAndCategory) {
                if (query.category().isPresent() && (index.categoryOf[id] & 0xff) != category) {
                    return false;
                }
                if (query.since().isPresent()
                        && compareTime(id, query.since().get().getEpochSecond(), query.since().get().getNano()) < 0) {
                    return false;
                }
                if (query.until().isPresent()
                        && compareTime(id, query.until().get().getEpochSecond(), query.until().get().getNano()) >= 0) {
                    return false;
                }
            }
            if (query.nameContains().isPresent()) {
                return index.pathText(id).contains(query.nameContains().get());
            }
            return true;
        }
    }

    private int compareTime(int id, long seconds, int nanos) {
        if (index.seconds[id] != seconds) {
            return Long.compare(index.seconds[id], seconds);
        }
        return Integer.compare(index.nanos[id], nanos);
    }

    /** Whether {@code id} comes strictly after the cursor in newest-first order. */
    private boolean afterCursor(int id, long seconds, int nanos, byte[] path) {
        int time = compareTime(id, seconds, nanos);
        if (time != 0) {
            return time < 0;
        }
        return Arrays.compareUnsigned(index.paths[id], path) > 0;
    }

    private static boolean startsWith(byte[] path, byte[] prefix) {
        return path.length >= prefix.length && Arrays.equals(path, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
