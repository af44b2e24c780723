package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The store's in-memory index, built for a million files and more.
 *
 * <p>Entries are ids into parallel primitive arrays (path as UTF-8 bytes, size, mtime, category, flags), so a file
 * costs about a hundred bytes of heap rather than the several hundred a map of {@code LogPath -> LogEntry} would.
 * Paths are found through an open-addressing hash table of ids. Two {@link IdTreap orders}: per category, newest first
 * (ties by path), and one over all files by path; each costs 8 bytes per file. {@link LogEntry} values are built on
 * demand. Queries are in {@link IndexQueries}.
 *
 * <p>A removed file's id is reused by a later file. Nothing outside the index holds an id: a listing's
 * {@link io.logmirror.core.LogQuery.Cursor cursor} is the last entry's time and path, so reusing ids never moves it.
 *
 * <p>Not thread-safe: {@link FsLogStore} guards it with a read-write lock.
 */
final class LogIndex {

    static final int NIL = IdTreap.NIL;
    static final byte GONE = 1;
    static final byte HIDDEN = 2;

    byte[][] paths;
    long[] sizes;
    long[] seconds;
    int[] nanos;
    byte[] categoryOf;
    byte[] flags;
    /** Ids 0..highWater-1 have been used; removed ones have a null path and wait in {@link #free}. */
    int highWater;
    private int count;
    private int[] free = new int[16];
    private int freeCount;

    /** Open addressing: slot holds id + 1, 0 when empty. */
    private int[] table;

    final IdTreap byTime;
    final IdTreap byPath;
    int pathRoot = NIL;

    final List<Category> categories = new ArrayList<>();
    private final Map<Category, Integer> categoryIds = new HashMap<>();
    int[] roots = new int[0];
    private long[] categoryFiles = new long[0];
    private long[] categoryBytes = new long[0];

    /** Earlier generations, oldest first, by id of the current file; rare, so a plain map. */
    private final Map<Integer, List<Generation>> generations = new HashMap<>();

    /**
     * One kept generation of a file. Its category is the one the file had when it was replaced; empty when that
     * is unknown (rebuilt from disk), and the current category stands in.
     */
    record Generation(int number, long size, Instant modified, Optional<Category> category) { }

    LogIndex(List<Category> knownCategories, int expectedFiles) {
        int capacity = Math.max(16, expectedFiles);
        paths = new byte[capacity][];
        sizes = new long[capacity];
        seconds = new long[capacity];
        nanos = new int[capacity];
        categoryOf = new byte[capacity];
        flags = new byte[capacity];
        byTime = new IdTreap(capacity, this::newerFirst);
        byPath = new IdTreap(capacity, (a, b) -> Arrays.compareUnsigned(paths[a], paths[b]) < 0);
        table = new int[tableSizeFor(capacity)];
        for (Category category : knownCategories) {
            categoryId(category);
        }
    }

    int size() {
        return count;
    }

    // ---------------------------------------------------------------- lookups

    /** The id of {@code path}, or -1. */
    int idOf(LogPath path) {
        return idOf(key(path));
    }

    private int idOf(byte[] key) {
        int slot = slotOf(key);
        return slot < 0 ? NIL : table[slot] - 1;
    }

    private int slotOf(byte[] key) {
        int mask = table.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            int stored = table[slot];
            if (stored == 0) {
                return -1;
            }
            if (Arrays.equals(paths[stored - 1], key)) {
                return slot;
            }
        }
    }

    Optional<LogEntry> find(LogPath path) {
        int id = idOf(path);
        return id == NIL ? Optional.empty() : Optional.of(entry(id, path));
    }

    LogEntry entry(int id) {
        return entry(id, LogPath.of(pathText(id)));
    }

    private LogEntry entry(int id, LogPath path) {
        return new LogEntry(path, category(id), sizes[id], modified(id), (flags[id] & GONE) != 0, 0);
    }

    Category category(int id) {
        return categories.get(categoryOf[id] & 0xff);
    }

    String pathText(int id) {
        return new String(paths[id], StandardCharsets.UTF_8);
    }

    Instant modified(int id) {
        return Instant.ofEpochSecond(seconds[id], nanos[id]);
    }

    boolean hidden(int id) {
        return (flags[id] & HIDDEN) != 0;
    }

    Optional<Integer> categoryIdOf(Category category) {
        return Optional.ofNullable(categoryIds.get(category));
    }

    List<LogEntry> generations(LogPath path) {
        int id = idOf(path);
        List<Generation> kept = id == NIL ? null : generations.get(id);
        if (kept == null) {
            return List.of();
        }
        List<LogEntry> result = new ArrayList<>(kept.size());
        for (Generation generation : kept) {
            result.add(new LogEntry(path, generation.category().orElse(category(id)), generation.size(),
                    generation.modified(), (flags[id] & GONE) != 0, generation.number()));
        }
        return result;
    }

    /** The number the next kept generation of {@code path} gets: one more than the newest kept. */
    int nextGenerationNumber(LogPath path) {
        int id = idOf(path);
        List<Generation> kept = id == NIL ? null : generations.get(id);
        return kept == null || kept.isEmpty() ? 1 : kept.get(kept.size() - 1).number() + 1;
    }

    /** Answers {@code query} (see {@link IndexQueries}). */
    List<LogEntry> list(io.logmirror.core.LogQuery query) {
        return new IndexQueries(this).list(query);
    }

    List<CategoryStats> stats(List<Category> order) {
        List<CategoryStats> result = new ArrayList<>();
        List<Category> all = new ArrayList<>(order);
        for (Category category : categories) {
            if (!all.contains(category) && categoryFiles[categoryIds.get(category)] > 0) {
                all.add(category);
            }
        }
        for (Category category : all) {
            Integer c = categoryIds.get(category);
            if (c == null || categoryFiles[c] == 0) {
                result.add(new CategoryStats(category, 0, 0, Optional.empty()));
            } else {
                IdTreap.Walk walk = byTime.walk(roots[c]);
                int newest = walk.next();
                while (hidden(newest)) {
                    newest = walk.next();
                }
                result.add(new CategoryStats(category, categoryFiles[c], categoryBytes[c], Optional.of(modified(newest))));
            }
        }
        return result;
    }

    /** Paths of current, not-gone files for which {@code keep} is false. */
    List<String> pathsNotGoneAndNot(Predicate<String> keep) {
        List<String> result = new ArrayList<>();
        for (int id = 0; id < highWater; id++) {
            if (paths[id] != null && (flags[id] & GONE) == 0) {
                String text = pathText(id);
                if (!keep.test(text)) {
                    result.add(text);
                }
            }
        }
        return result;
    }

    /**
     * What the state journal records of every current file: its category's name by path text, and the paths gone
     * remotely. Read straight from the arrays: no {@link LogPath} or {@link LogEntry} is built per file.
     */
    StateJournal.State journalState() {
        Map<String, String> categoryNames = new HashMap<>(count * 2);
        Set<String> gone = new HashSet<>();
        for (int id = 0; id < highWater; id++) {
            if (paths[id] != null) {
                String text = pathText(id);
                categoryNames.put(text, category(id).name());
                if ((flags[id] & GONE) != 0) {
                    gone.add(text);
                }
            }
        }
        return new StateJournal.State(categoryNames, gone);
    }

    /** The path texts of every current file that is not hidden. */
    List<String> visiblePaths() {
        List<String> result = new ArrayList<>(count);
        for (int id = 0; id < highWater; id++) {
            if (paths[id] != null && !hidden(id)) {
                result.add(pathText(id));
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- updates

    /** Adds or updates the current generation of {@code path}. */
    void put(LogPath path, Category category, long size, Instant modified, boolean gone) {
        byte[] key = key(path);
        int id = idOf(key);
        int c = categoryId(category);
        if (id == NIL) {
            id = newId(key);
            flags[id] = path.isHidden() ? HIDDEN : 0;
        } else {
            unlinkFromCategory(id);
        }
        sizes[id] = size;
        seconds[id] = modified.getEpochSecond();
        nanos[id] = modified.getNano();
        categoryOf[id] = (byte) c;
        flags[id] = (byte) (gone ? flags[id] | GONE : flags[id] & ~GONE);
        roots[c] = byTime.insert(roots[c], id);
        // Totals count what listings show: hidden files are indexed (readable) but neither listed nor counted,
        // as the original service never linked them into categorized/.
        if (!hidden(id)) {
            categoryFiles[c]++;
            categoryBytes[c] += size;
        }
    }

    /** Removes the current file of {@code path} and its kept generations; false when it is not indexed. */
    boolean remove(LogPath path) {
        byte[] key = key(path);
        int slot = slotOf(key);
        if (slot < 0) {
            return false;
        }
        int id = table[slot] - 1;
        unlinkFromCategory(id);
        pathRoot = byPath.remove(pathRoot, id);
        deleteSlot(slot);
        generations.remove(id);
        paths[id] = null;
        count--;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = id;
        return true;
    }

    private void unlinkFromCategory(int id) {
        int old = categoryOf[id] & 0xff;
        roots[old] = byTime.remove(roots[old], id);
        if (!hidden(id)) {
            categoryFiles[old]--;
            categoryBytes[old] -= sizes[id];
        }
    }

    /** Records a kept generation of an indexed path (appended as the newest kept one). */
    void addGeneration(LogPath path, int number, long size, Instant modified, Category category) {
        int id = idOf(path);
        if (id == NIL) {
            throw new IllegalStateException("no current file " + path + " to keep a generation of");
        }
        generations.computeIfAbsent(id, k -> new ArrayList<>(2))
                .add(new Generation(number, size, modified, Optional.of(category)));
    }

    /** Forgets kept generation {@code number} of {@code path}; false when there is none. */
    boolean removeGeneration(LogPath path, int number) {
        int id = idOf(path);
        List<Generation> kept = id == NIL ? null : generations.get(id);
        if (kept == null || !kept.removeIf(g -> g.number() == number)) {
            return false;
        }
        if (kept.isEmpty()) {
            generations.remove(id);
        }
        return true;
    }

    /** Sets the generations of an indexed path, oldest first (used when rebuilding from disk). */
    void setGenerations(LogPath path, List<Generation> kept) {
        int id = idOf(path);
        if (id != NIL && !kept.isEmpty()) {
            generations.put(id, new ArrayList<>(kept));
        }
    }

    private int newId(byte[] key) {
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            if (highWater == paths.length) {
                grow();
            }
            id = highWater++;
        }
        paths[id] = key;
        count++;
        if (count * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insertSlot(id);
        }
        pathRoot = byPath.insert(pathRoot, id);
        return id;
    }

    private void grow() {
        int capacity = paths.length + (paths.length >> 1) + 16;
        paths = Arrays.copyOf(paths, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        seconds = Arrays.copyOf(seconds, capacity);
        nanos = Arrays.copyOf(nanos, capacity);
        categoryOf = Arrays.copyOf(categoryOf, capacity);
        flags = Arrays.copyOf(flags, capacity);
        byTime.grow(capacity);
        byPath.grow(capacity);
    }

    private void rehash(int newSize) {
        table = new int[newSize];
        for (int id = 0; id < highWater; id++) {
            if (paths[id] != null) {
                insertSlot(id);
            }
        }
    }

    private void insertSlot(int id) {
        int mask = table.length - 1;
        int slot = hash(paths[id]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    /** Empties {@code slot}, shifting later entries of its probe run back so that every lookup still finds them. */
    private void deleteSlot(int slot) {
        int mask = table.length - 1;
        int hole = slot;
        table[hole] = 0;
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = hash(paths[table[j] - 1]) & mask;
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                table[hole] = table[j];
                table[j] = 0;
                hole = j;
            }
        }
    }

    private int categoryId(Category category) {
        Integer existing = categoryIds.get(category);
        if (existing != null) {
            return existing;
        }
        if (categories.size() == 256) {
            throw new IllegalStateException("more than 256 categories; the index keeps a category in one byte");
        }
        int id = categories.size();
        categories.add(category);
        categoryIds.put(category, id);
        roots = Arrays.copyOf(roots, id + 1);
        roots[id] = NIL;
        categoryFiles = Arrays.copyOf(categoryFiles, id + 1);
        categoryBytes = Arrays.copyOf(categoryBytes, id + 1);
        return id;
    }

    /** Whether {@code a} lists before {@code b}: newer first, then by path. */
    boolean newerFirst(int a, int b) {
        if (seconds[a] != seconds[b]) {
            return seconds[a] > seconds[b];
        }
        if (nanos[a] != nanos[b]) {
            return nanos[a] > nanos[b];
        }
        return Arrays.compareUnsigned(paths[a], paths[b]) < 0;
    }

    static byte[] key(LogPath path) {
        return path.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int hash(byte[] key) {
        int h = Arrays.hashCode(key);
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private static int tableSizeFor(int capacity) {
        return Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
    }
}
