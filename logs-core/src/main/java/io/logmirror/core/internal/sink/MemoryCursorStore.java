package io.logmirror.core.internal.sink;

import io.logmirror.core.LogPath;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.SinkCursor;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link CursorStore#inMemory()}. */
public final class MemoryCursorStore implements CursorStore {

    private final Map<LogPath, SinkCursor> cursors = new HashMap<>();

    @Override
    public synchronized Map<LogPath, SinkCursor> load() {
        return Map.copyOf(cursors);
    }

    @Override
    public synchronized void commit(Map<LogPath, SinkCursor> updated, Set<LogPath> forgotten) {
        cursors.keySet().removeAll(forgotten);
        cursors.putAll(updated);
    }
}
