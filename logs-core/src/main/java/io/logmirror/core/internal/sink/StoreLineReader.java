package io.logmirror.core.internal.sink;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.LogLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the complete lines of a stored file from an offset, by the line feed's rules: {@code \n} and {@code \r\n} end
 * a line, a lone {@code \r} does not, lines longer than the piece limit come in pieces. Reads through
 * {@link LogStore#open} only, so compressed files read back the same.
 */
final class StoreLineReader {

    /** Receives each line; returns normally or throws to stop reading. */
    interface LineSink {
        void accept(LogLine line, long nextOffset, long nextLineNumber) throws IOException, InterruptedException;
    }

    /** Where a read ended: the start of the first line not delivered (a held-back partial line, or the end). */
    record End(long offset, long lineNumber) {
    }

    private static final int BUFFER = 64 * 1024;

    private final LogStore store;
    private final int maxLineBytes;

    StoreLineReader(LogStore store, int maxLineBytes) {
        this.store = store;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Delivers the lines of {@code entry} that start at or after {@code from} and end before {@code until}.
     *
     * @param skipTerminator whether {@code from} is just after a line's bytes, before its line end
     * @param flushPartial   whether a last line without a line end is delivered too (the file is gone or replaced)
     */
    End read(LogEntry entry, long from, long lineNumber, boolean skipTerminator, long until, boolean flushPartial,
             LineSink sink) throws IOException, InterruptedException {
        if (until <= from) {
            return new End(from, lineNumber);
        }
        try (InputStream in = store.open(entry, from, until - from)) {
            byte[] buffer = new byte[BUFFER];
            byte[] line = new byte[Math.min(maxLineBytes, BUFFER)];
            int lineLength = 0;
            long position = from;           // offset of the next byte read
            long lineStart = from;
            long number = lineNumber;
            boolean skipping = skipTerminator;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++, position++) {
                    byte b = buffer[i];
                    if (skipping) {
                        if (b == '\r' && lineLength == 0 && position == from) {
                            continue;       // the \r of a \r\n line end
                        }
                        skipping = false;
                        if (b == '\n') {
                            lineStart = position + 1;
                            continue;
                        }
                        lineStart = position;
                    }
                    if (b == '\n') {
                        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        sink.accept(line(entry, lineStart, number, line, length, false), position + 1, number + 1);
                        number++;
                        lineLength = 0;
                        lineStart = position + 1;
                        continue;
                    }
                    if (lineLength == maxLineBytes) {
                        long pieceEnd = lineStart + lineLength;
                        sink.accept(line(entry, lineStart, number, line, lineLength, true), pieceEnd, number);
                        lineStart = pieceEnd;
                        lineLength = 0;
                    }
                    if (lineLength == line.length) {
                        line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                    }
                    line[lineLength++] = b;
                }
            }
            if (skipping) {
                return new End(position, number);
            }
            if (lineLength > 0 && flushPartial) {
                sink.accept(line(entry, lineStart, number, line, lineLength, false), position, number + 1);
                return new End(position, number + 1);
            }
            return new End(lineStart, number);
        }
    }

    private static LogLine line(LogEntry entry, long offset, long number, byte[] bytes, int length, boolean continues) {
        return new LogLine(entry.path(), entry.category(), offset, number, Arrays.copyOf(bytes, length), continues, 0);
    }

    /** How many line ends ({@code \n}) the file holds. */
    long countLines(LogEntry entry) throws IOException {
        long lines = 0;
        try (InputStream in = store.open(entry, 0, entry.size())) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** Whether a complete line starts at or after {@code from}: a {@code \n} follows it. */
    boolean hasCompleteLine(LogEntry entry, long from) {
        try (InputStream in = store.open(entry, from, entry.size() - from)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code offset} moved past the {@code \n} or {@code \r\n} that starts there, if one does. */
    long pastLineEnd(LogEntry entry, long offset) {
        if (entry.size() <= offset) {
            return offset;
        }
        try (InputStream in = store.open(entry, offset, 2)) {
            int first = in.read();
            if (first == '\n') {
                return offset + 1;
            }
            return first == '\r' && in.read() == '\n' ? offset + 2 : offset;
        } catch (IOException e) {
            return offset;
        }
    }
}
