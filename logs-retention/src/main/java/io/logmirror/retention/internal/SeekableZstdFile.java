package io.logmirror.retention.internal;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.logmirror.retention.StoredLogFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A stored file in the seekable zstd format: the seek table is read once when opened; ranges and tails decompress
 * only the frames they need, and the last two frames decompressed are kept for the next reads.
 */
final class SeekableZstdFile implements StoredLogFile {

    private record Frame(int index, byte[] bytes) {
    }

    private final FileChannel channel;
    private final long storedBytes;
    private final Object name;
    private final SeekTable table;
    // The two frames decompressed last: a read crossing a frame boundary (a 64 KiB block read backwards) needs both.
    private volatile Frame cached;
    private volatile Frame previous;

    SeekableZstdFile(FileChannel channel, long storedBytes, long plainSize, Object name) throws IOException {
        this.channel = channel;
        this.storedBytes = storedBytes;
        this.name = name;
        this.table = SeekTable.read(channel, storedBytes, plainSize, name);
    }

    @Override
    public long size() {
        return table.plainSize();
    }

    @Override
    public long storedBytes() {
        return storedBytes;
    }

    @Override
    public boolean compressed() {
        return true;
    }

    /** How many data frames the file holds. */
    int frames() {
        return table.frames();
    }

    @Override
    public InputStream open(long offset, long length) {
        StoredFiles.checkRange(offset, length, name);
        long end = offset + Math.min(length, Math.max(0, table.plainSize() - offset));
        return new FrameStream(offset, end);
    }

    @Override
    public long tailOffset(long end, int lines) throws IOException {
        StoredFiles.checkTail(end, lines, name);
        end = Math.min(end, table.plainSize());
        if (end == 0) {
            return 0;
        }
        LineCounter counter = new LineCounter(lines);
        for (int i = table.frameAt(end - 1); i >= 0; i--) {
            byte[] bytes = frame(i);
            int to = (int) Math.min(bytes.length, end - table.plainStart(i));
            int at = counter.scan(bytes, 0, to);
            if (at >= 0) {
                return table.plainStart(i) + at;
            }
        }
        return 0;
    }

    /**
     * Copies plain bytes from {@code position} into {@code into}, from one frame at most (a short read, as a channel
     * may give); -1 at or past the end.
     */
    int read(ByteBuffer into, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position + " for " + name);
        }
        if (position >= table.plainSize()) {
            return -1;
        }
        if (!into.hasRemaining()) {
            return 0;
        }
        int index = table.frameAt(position);
        byte[] bytes = frame(index);
        int from = (int) (position - table.plainStart(index));
        int n = Math.min(into.remaining(), bytes.length - from);
        into.put(bytes, from, n);
        return n;
    }

    /** The plain bytes of frame {@code index}, decompressed (or the kept copy of the last one). */
    byte[] frame(int index) throws IOException {
        Frame kept = cached;
        if (kept != null && kept.index() == index) {
            return kept.bytes();
        }
        Frame before = previous;
        if (before != null && before.index() == index) {
            return before.bytes();
        }
        int compressedSize = table.compressedSize(index);
        ByteBuffer compressed = SeekTable.readFully(channel, table.compressedStart(index), compressedSize, name);
        byte[] plain = new byte[table.plainSize(index)];
        int n;
        ZstdDecompressCtx ctx = Contexts.borrow();
        try {
            n = ctx.decompressByteArray(plain, 0, plain.length, compressed.array(), 0, compressedSize);
        } catch (ZstdException e) {
            ctx.close();
            throw SeekTable.corrupt(name, "frame " + index + " (bytes " + table.plainStart(index) + " to "
                    + (table.plainStart(index) + plain.length) + ") does not decompress: " + e.getMessage());
        }
        Contexts.giveBack(ctx);
        if (n != plain.length) {
            throw SeekTable.corrupt(name, "frame " + index + " decompressed to " + n + " bytes, the seek table says "
                    + plain.length);
        }
        synchronized (this) {
            previous = cached;
            cached = new Frame(index, plain);
        }
        return plain;
    }

    @Override
    public void close() throws IOException {
        cached = null;
        previous = null;
        channel.close();
    }

    /** Streams plain bytes {@code [position, end)}, one frame at a time. */
    private final class FrameStream extends InputStream {
        private long position;
        private final long end;
        private byte[] bytes;
        private long bytesStart;

        FrameStream(long position, long end) {
            this.position = position;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            if (bytes == null || position >= bytesStart + bytes.length) {
                int index = table.frameAt(position);
                bytes = frame(index);
                bytesStart = table.plainStart(index);
            }
            int from = (int) (position - bytesStart);
            int n = (int) Math.min(len, Math.min(bytes.length - from, end - position));
            System.arraycopy(bytes, from, buffer, off, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return bytes == null ? 0 : (int) Math.max(0, Math.min(end, bytesStart + bytes.length) - position);
        }

        @Override
        public void close() {
            bytes = null;
        }
    }
}
