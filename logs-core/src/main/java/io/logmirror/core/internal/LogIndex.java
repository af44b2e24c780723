package io.logmirror.core.internal;

import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;

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
 * <p>Entries are ids into parallel primitive arrays (path as UTF-8 bytes, size, mtime, category, flags),
 * so a file costs about a hundred bytes of heap rather than the several hundred a map of
 * {@code LogPath -> LogEntry} would. Paths are found through an open-addressing hash table of ids.
 * Each category keeps its files in a treap ordered newest first (ties by path), whose child links are
 * two more int arrays shared by all categories (a file is in exactly one category); the priority is a
 * hash of the id, so it costs no memory. Listing the newest N walks N nodes: the cost grows with the
 * page, not with the index. {@link LogEntry} values are built on demand.
 *
 * <p>Not thread-safe: {@link FsLogStore} guards it with a read-write lock.
 */
final class LogIndex {

    private static final int NIL = -1;
    private static final byte GONE = 1;
    private static final byte HIDDEN = 2;

    private byte[][] paths;
    private long[] sizes;
    private long[] seconds;
    private int[] nanos;
    private byte[] categoryOf;
    private byte[] flags;
    private int[] left;
    private int[] right;
    private int count;

    /** Open addressing: slot holds id + 1, 0 when empty. */
    private int[] table;

    private final List<Category> categories = new ArrayList<>();
    private final Map<Category, Integer> categoryIds = new HashMap<>();
    private int[] roots = new int[0];
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
        left = new int[capacity];
        right = new int[capacity];
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
        return idOf(path.toString().getBytes(StandardCharsets.UTF_8));
    }

    private int idOf(byte[] key) {
        int mask = table.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            int stored = table[slot];
            if (stored == 0) {
                return NIL;
            }
            if (Arrays.equals(paths[stored - 1], key)) {
                return stored - 1;
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
        return new LogEntry(path, categories.get(categoryOf[id] & 0xff), sizes[id], modified(id),
                (flags[id] & GONE) != 0, 0);
    }

    String pathText(int id) {
        return new String(paths[id], StandardCharsets.UTF_8);
    }

    private Instant modified(int id) {
        return Instant.ofEpochSecond(seconds[id], nanos[id]);
    }

    List<LogEntry> generations(LogPath path) {
        int id = idOf(path);
        if (id == NIL) {
            return List.of();
        }
        List<Generation> kept = generations.get(id);
        if (kept == null) {
            return List.of();
        }
        List<LogEntry> result = new ArrayList<>(kept.size());
        Category current = categories.get(categoryOf[id] & 0xff);
        for (Generation generation : kept) {
            result.add(new LogEntry(path, generation.category().orElse(current), generation.size(),
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

    // ---------------------------------------------------------------- queries

    List<LogEntry> list(LogQuery query) {
        List<LogEntry> result = new ArrayList<>(Math.min(query.limit(), 1024));
        if (query.category().isPresent()) {
            Integer category = categoryIds.get(query.category().get());
            if (category == null) {
                return result;
            }
            InOrder walk = new InOrder(roots[category]);
            for (int id = walk.next(); id != NIL && result.size() < query.limit(); id = walk.next()) {
                if (query.includeHidden() || (flags[id] & HIDDEN) == 0) {
                    result.add(entry(id));
                }
            }
            return result;
        }
        // Newest across categories: merge the per-category orders.
        InOrder[] walks = new InOrder[categories.size()];
        int[] heads = new int[walks.length];
        for (int c = 0; c < walks.length; c++) {
            walks[c] = new InOrder(roots[c]);
            heads[c] = walks[c].next();
        }
        while (result.size() < query.limit()) {
            int best = -1;
            for (int c = 0; c < heads.length; c++) {
                if (heads[c] != NIL && (best == -1 || before(heads[c], heads[best]))) {
                    best = c;
                }
            }
            if (best == -1) {
                break;
            }
            int id = heads[best];
            heads[best] = walks[best].next();
            if (query.includeHidden() || (flags[id] & HIDDEN) == 0) {
                result.add(entry(id));
            }
        }
        return result;
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
                InOrder walk = new InOrder(roots[c]);
                int newest = walk.next();
                while ((flags[newest] & HIDDEN) != 0) {
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
        for (int id = 0; id < count; id++) {
            if ((flags[id] & GONE) == 0) {
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
        for (int id = 0; id < count; id++) {
            String text = pathText(id);
            categoryNames.put(text, categories.get(categoryOf[id] & 0xff).name());
            if ((flags[id] & GONE) != 0) {
                gone.add(text);
            }
        }
        return new StateJournal.State(categoryNames, gone);
    }

    /** Calls {@code visitor} with the path text of every current file that is not hidden. */
    void forEachVisible(java.util.function.Consumer<String> visitor) {
        for (int id = 0; id < count; id++) {
            if ((flags[id] & HIDDEN) == 0) {
                visitor.accept(pathText(id));
            }
        }
    }

    // ---------------------------------------------------------------- updates

    /** Adds or updates the current generation of {@code path}. */
    void put(LogPath path, Category category, long size, Instant modified, boolean gone) {
        byte[] key = path.toString().getBytes(StandardCharsets.UTF_8);
        int id = idOf(key);
        int c = categoryId(category);
        if (id == NIL) {
            id = newId(key);
            flags[id] = path.isHidden() ? HIDDEN : 0;
        } else {
            int old = categoryOf[id] & 0xff;
            roots[old] = remove(roots[old], id);
            if ((flags[id] & HIDDEN) == 0) {
                categoryFiles[old]--;
                categoryBytes[old] -= sizes[id];
            }
        }
        sizes[id] = size;
        seconds[id] = modified.getEpochSecond();
        nanos[id] = modified.getNano();
        categoryOf[id] = (byte) c;
        flags[id] = (byte) (gone ? flags[id] | GONE : flags[id] & ~GONE);
        left[id] = NIL;
        right[id] = NIL;
        roots[c] = insert(roots[c], id);
        // Totals count what listings show: hidden files are indexed (readable) but neither listed nor counted,
        // as the original service never linked them into categorized/.
        if ((flags[id] & HIDDEN) == 0) {
            categoryFiles[c]++;
            categoryBytes[c] += size;
        }
    }

    /** Records a kept generation of an indexed path (appended as the newest kept one). */
    void addGeneration(LogPath path, int number, long size, Instant modified, Category category) {
        int id = idOf(path);
        if (id == NIL) {
            throw new IllegalStateException("no current file " + path + " to keep a generation of");
        }
        generations.computeIfAbsent(id, k -> new ArrayList<>(2)).add(new Generation(number, size, modified, Optional.of(category)));
    }

    /** Sets the generations of an indexed path, oldest first (used when rebuilding from disk). */
    void setGenerations(LogPath path, List<Generation> kept) {
        int id = idOf(path);
        if (id != NIL && !kept.isEmpty()) {
            generations.put(id, new ArrayList<>(kept));
        }
    }

    private int newId(byte[] key) {
        if (count == paths.length) {
            grow();
        }
        int id = count++;
        paths[id] = key;
        if (count * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insertSlot(id);
        }
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
        left = Arrays.copyOf(left, capacity);
        right = Arrays.copyOf(right, capacity);
    }

    private void rehash(int newSize) {
        table = new int[newSize];
        for (int id = 0; id < count; id++) {
            insertSlot(id);
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

    // ---------------------------------------------------------------- the treap

    /** Whether {@code a} lists before {@code b}: newer first, then by path. */
    private boolean before(int a, int b) {
        if (seconds[a] != seconds[b]) {
            return seconds[a] > seconds[b];
        }
        if (nanos[a] != nanos[b]) {
            return nanos[a] > nanos[b];
        }
        return Arrays.compareUnsigned(paths[a], paths[b]) < 0;
    }

    private static int priority(int id) {
        int h = id * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private static boolean higher(int a, int b) {
        int pa = priority(a);
        int pb = priority(b);
        return pa != pb ? Integer.compareUnsigned(pa, pb) > 0 : a > b;
    }

    private int insert(int node, int id) {
        if (node == NIL) {
            return id;
        }
        if (before(id, node)) {
            left[node] = insert(left[node], id);
            if (higher(left[node], node)) {
                int child = left[node];
                left[node] = right[child];
                right[child] = node;
                return child;
            }
        } else {
            right[node] = insert(right[node], id);
            if (higher(right[node], node)) {
                int child = right[node];
                right[node] = left[child];
                left[child] = node;
                return child;
            }
        }
        return node;
    }

    private int remove(int node, int id) {
        if (node == NIL) {
            throw new IllegalStateException("index corrupt: entry " + pathText(id) + " not in its category");
        }
        if (node == id) {
            return merge(left[node], right[node]);
        }
        if (before(id, node)) {
            left[node] = remove(left[node], id);
        } else {
            right[node] = remove(right[node], id);
        }
        return node;
    }

    private int merge(int a, int b) {
        if (a == NIL) {
            return b;
        }
        if (b == NIL) {
            return a;
        }
        if (higher(a, b)) {
            right[a] = merge(right[a], b);
            return a;
        }
        left[b] = merge(a, left[b]);
        return b;
    }

    /** Walks one treap in order with an explicit stack. */
    private final class InOrder {
        private int[] stack = new int[64];
        private int depth;
        private int node;

        InOrder(int root) {
            node = root;
        }

        int next() {
            while (node != NIL) {
                if (depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = node;
                node = left[node];
            }
            if (depth == 0) {
                return NIL;
            }
            int result = stack[--depth];
            node = right[result];
            return result;
        }
    }

    private static int hash(byte[] key) {
        int h = Arrays.hashCode(key);
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private static int tableSizeFor(int capacity) {
        int size = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
        return size;
    }
}
