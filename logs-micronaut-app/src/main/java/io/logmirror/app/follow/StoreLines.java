package io.logmirror.app.follow;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.LogLine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the complete lines of a stored file from an offset, by the line feed's rules ({@code \n} or {@code \r\n} ends
 * a line, a lone {@code \r} does not, a last line without its newline is not complete yet).
 */
final class StoreLines {

    /**
     * A line to send, from the store or from the feed.
     *
     * @param sequence the change sequence that completed it, or -1 for a line read from the store
     */
    record Line(LogPath path, long offset, long lineNumber, byte[] bytes, boolean continues, long sequence) {
        Line {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(bytes, "bytes");
        }

        static Line of(LogLine line) {
            return new Line(line.path(), line.offset(), line.lineNumber(), line.bytes(), line.continues(), line.sequence());
        }
    }

    private StoreLines() {
    }

    /**
     * Sends every complete line of {@code entry} that starts at or after {@code from} and after {@code after} (-1 for
     * none) to {@code sink}, and returns the offset just after the last complete line's newline ({@code from} when
     * there is none).
     */
    static long read(LogStore store, LogEntry entry, long from, long after, Consumer<Line> sink) throws IOException {
        long lineNumber = 1 + countNewlines(store, entry, from);
        long end = from;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        long start = from;
        long position = from;
        try (InputStream in = new BufferedInputStream(store.open(entry, from, entry.size() - from), 1 << 16)) {
            int b;
            while ((b = in.read()) >= 0) {
                position++;
                if (b == '\n') {
                    byte[] bytes = current.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    if (start > after) {
                        sink.accept(new Line(entry.path(), start, lineNumber, java.util.Arrays.copyOf(bytes, length),
                                false, -1));
                    }
                    lineNumber++;
                    current.reset();
                    start = position;
                    end = position;
                } else {
                    current.write(b);
                }
            }
        }
        return end;
    }

    private static long countNewlines(LogStore store, LogEntry entry, long before) throws IOException {
        if (before == 0) {
            return 0;
        }
        long count = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = store.open(entry, 0, before)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
