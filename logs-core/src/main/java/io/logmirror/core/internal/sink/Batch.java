package io.logmirror.core.internal.sink;

import io.logmirror.core.LogPath;
import io.logmirror.core.sink.SinkLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The lines gathered for the next send, and where each file stands after them. */
final class Batch {

    final List<SinkLine> lines = new ArrayList<>();
    final Map<LogPath, FileState> ends = new HashMap<>();
    long bytes;
    long firstAddedNanos;

    void add(SinkLine line, long size, FileState end) {
        if (lines.isEmpty()) {
            firstAddedNanos = System.nanoTime();
        }
        lines.add(line);
        bytes += size;
        ends.put(line.line().path(), end);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    void clear() {
        lines.clear();
        ends.clear();
        bytes = 0;
    }
}
