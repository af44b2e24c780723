package io.logmirror.app.http;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every {@value #EVERY}th line of a mirrored file begins, so that a viewer can fetch any line by byte range
 * without the server or the browser ever holding the file. Built by one pass over the file, then extended by the
 * appended bytes only; a file that was rewritten meanwhile (its bytes before the old end changed) is scanned again.
 * A bounded number of files is kept, least recently used first out. Thread-safe.
 */
final class LineCheckpoints {

    /** Lines between two checkpoints. */
    static final int EVERY = 512;
    private static final int FILES_KEPT = 64;
    private static final int TAIL_CHECK = 64;

    /** What a viewer needs: the file's size, its number of lines, and the offset of line 1, 1 + EVERY, ... */
    record Index(long size, long lines, int every, long[] offsets) {
    }

    private final Map<Key, State> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, State> eldest) {
            return size() > FILES_KEPT;
        }
    };

    private record Key(LogPath path, int generation) {
    }

    /** A scan's result: checkpoints, newlines seen, where the last line started, and the bytes just before the end. */
    private static final class State {
        long[] offsets = new long[16];
        int count;
        long newlines;
        long lastLineStart;
        long size;
        byte[] tail = new byte[0];

        void add(long offset) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = offset;
        }
    }

    Index index(LogStore store, LogEntry entry) throws IOException {
        Key key = new Key(entry.path(), entry.generation());
        State state;
        synchronized (cache) {
            state = cache.get(key);
        }
        if (state == null || state.size > entry.size() || !stillStartsTheSame(store, entry, state)) {
            state = new State();
            state.add(0);
        }
        synchronized (state) {
            if (state.size < entry.size()) {
                scan(store, entry, state);
            }
            synchronized (cache) {
                cache.put(key, state);
            }
            long lines = state.newlines + (state.size > state.lastLineStart ? 1 : 0);
            return new Index(state.size, lines, EVERY, Arrays.copyOf(state.offsets, state.count));
        }
    }

    private static boolean stillStartsTheSame(LogStore store, LogEntry entry, State state) throws IOException {
        if (state.tail.length == 0) {
            return true;
        }
        try (InputStream in = store.open(entry, state.size - state.tail.length, state.tail.length)) {
            return Arrays.equals(in.readAllBytes(), state.tail);
        }
    }

    private static void scan(LogStore store, LogEntry entry, State state) throws IOException {
        long position = state.size;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = store.open(entry, position, entry.size() - position)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        state.newlines++;
                        state.lastLineStart = position + i + 1;
                        if (state.newlines % EVERY == 0) {
                            state.add(state.lastLineStart);
                        }
                    }
                }
                position += n;
            }
        }
        state.size = position;
        int keep = (int) Math.min(TAIL_CHECK, position);
        try (InputStream in = store.open(entry, position - keep, keep)) {
            state.tail = in.readAllBytes();
        }
    }
}
