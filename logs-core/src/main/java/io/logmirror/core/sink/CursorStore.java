package io.logmirror.core.sink;

import io.logmirror.core.LogPath;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Where a sink keeps its {@link SinkCursor cursors}, one per file, across restarts. Each sink needs its own store
 * (its own file): two sinks sharing one would skip each other's unacknowledged lines.
 *
 * <pre>{@code
 * CursorStore cursors = CursorStore.file(dataDirectory.resolve("sinks/loki.cursors"));
 * }</pre>
 *
 * <p>Implementations must make {@link #commit} atomic (all or nothing, also across a crash) and need not be
 * thread-safe: one sink calls them from its one thread.
 */
public interface CursorStore {

    /**
     * A store in one file, rewritten atomically (a temporary file renamed over it) on every commit. The file and its
     * folder are created on the first commit.
     */
    static CursorStore file(Path file) {
        return new io.logmirror.core.internal.sink.FileCursorStore(file);
    }

    /** A store in memory that forgets everything when the process ends; for tests and for sinks that may resend all. */
    static CursorStore inMemory() {
        return new io.logmirror.core.internal.sink.MemoryCursorStore();
    }

    /**
     * Every saved cursor.
     *
     * @throws IOException when the store cannot be read, or is damaged (the message names the file and the line); the
     *                     sink does not start then, rather than resending or skipping everything
     */
    Map<LogPath, SinkCursor> load() throws IOException;

    /**
     * Saves {@code updated} cursors and forgets those of {@code forgotten} files, all at once.
     *
     * @throws IOException when the store cannot be written; the previous state stays
     */
    void commit(Map<LogPath, SinkCursor> updated, Set<LogPath> forgotten) throws IOException;
}
