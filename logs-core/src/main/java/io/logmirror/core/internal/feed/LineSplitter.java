package io.logmirror.core.internal.feed;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts one file's bytes, fed in order in chunks of any size, into lines: {@code \n} ends a line, a {@code \r} just
 * before it is dropped, a lone {@code \r} is an ordinary byte. The bytes after the last newline are held back until
 * more arrive or {@link #flush} is called; a line longer than {@code maxPiece} bytes leaves in pieces of
 * {@code maxPiece} bytes, so at most {@code maxPiece} bytes are ever held. Not thread-safe.
 */
final class LineSplitter {

    /** Receives the lines; {@code bytes} is the receiver's to keep. */
    interface Sink {
        void line(long offset, long lineNumber, byte[] bytes, boolean continues);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxPiece;
    private long nextOffset;
    private long lineStart;
    private long lineNumber;
    private byte[] partial = new byte[0];
    private int held;

    /** A splitter whose next byte is at {@code offset}, the start of line {@code lineNumber}. */
    LineSplitter(int maxPiece, long offset, long lineNumber) {
        if (maxPiece < 2) {
            throw new IllegalArgumentException("the line piece limit must be at least 2 bytes, was " + maxPiece);
        }
        this.maxPiece = maxPiece;
        this.nextOffset = offset;
        this.lineStart = offset;
        this.lineNumber = lineNumber;
    }

    /** The file offset of the next byte to feed. */
    long nextOffset() {
        return nextOffset;
    }

    /** The number of the line in progress (or of the next one). */
    long lineNumber() {
        return lineNumber;
    }

    /** How many bytes of an unfinished line are held back. */
    int held() {
        return held;
    }

    /** Feeds {@code length} bytes from {@code bytes[from]}, the file's bytes at {@link #nextOffset()}. */
    void feed(byte[] bytes, int from, int length, Sink sink) {
        int end = from + length;
        long base = nextOffset - from;
        int start = from;
        int newline;
        while ((newline = indexOfNewline(bytes, start, end)) >= 0) {
            int contentEnd = newline > start && bytes[newline - 1] == '\r' ? newline - 1 : newline;
            if (held == 0 && contentEnd - start <= maxPiece) {
                sink.line(lineStart, lineNumber, Arrays.copyOfRange(bytes, start, contentEnd), false);
            } else {
                append(bytes, start, contentEnd, sink);
                int keep = held;
                if (newline == start && keep > 0 && partial[keep - 1] == '\r') {
                    keep--; // the \r of this \r\n came in the previous chunk
                }
                sink.line(lineStart, lineNumber, Arrays.copyOf(partial, keep), false);
                held = 0;
            }
            lineNumber++;
            lineStart = base + newline + 1;
            start = newline + 1;
        }
        append(bytes, start, end, sink);
        nextOffset += length;
    }

    /** Delivers the held-back unfinished line, if any, as a final line (the file was replaced or is gone). */
    void flush(Sink sink) {
        if (held > 0) {
            sink.line(lineStart, lineNumber, Arrays.copyOf(partial, held), false);
            lineStart += held;
            held = 0;
            lineNumber++;
        }
    }

    /** Holds {@code bytes[from, to)} (no newline among them), first sending the held piece on when it is full. */
    private void append(byte[] bytes, int from, int to, Sink sink) {
        while (from < to) {
            if (held == maxPiece) {
                sink.line(lineStart, lineNumber, Arrays.copyOf(partial, held), true);
                lineStart += held;
                held = 0;
            }
            int take = Math.min(to - from, maxPiece - held);
            if (held + take > partial.length) {
                partial = Arrays.copyOf(partial, Math.min(maxPiece, Math.max(held + take, 2 * partial.length)));
            }
            System.arraycopy(bytes, from, partial, held, take);
            held += take;
            from += take;
        }
    }

    /** The index of the first {@code \n} in {@code bytes[from, to)}, or -1; eight bytes at a time. */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long newlines = newlineBytes((long) LONGS.get(bytes, i));
            if (newlines != 0) {
                return i + (Long.numberOfTrailingZeros(newlines) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** How many {@code \n} are in {@code bytes[from, to)}; eight bytes at a time. */
    static int countNewlines(byte[] bytes, int from, int to) {
        int count = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            count += Long.bitCount(newlineBytes((long) LONGS.get(bytes, i)));
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    /** The high bit of each byte of {@code word} that is a newline, exactly (no carries between bytes). */
    private static long newlineBytes(long word) {
        long x = word ^ 0x0A0A0A0A0A0A0A0AL;
        return ~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL);
    }
}
