package io.logmirror.retention.internal;

import io.logmirror.retention.StoredLogFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A stored file kept as it came from the remote: ranges are positional reads, the tail reads 64 KiB blocks back. */
final class PlainStoredFile implements StoredLogFile {

    private static final int BLOCK = 64 * 1024;

    private final FileChannel channel;
    private final Object name;

    PlainStoredFile(FileChannel channel, Object name) {
        this.channel = channel;
        this.name = name;
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the size of " + name, e);
        }
    }

    @Override
    public long storedBytes() {
        return size();
    }

    @Override
    public boolean compressed() {
        return false;
    }

    @Override
    public InputStream open(long offset, long length) {
        StoredFiles.checkRange(offset, length, name);
        return new InputStream() {
            private long position = offset;
            private long remaining = length;

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
                if (remaining <= 0) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, remaining)), position);
                if (n <= 0) {
                    remaining = 0;
                    return -1;
                }
                position += n;
                remaining -= n;
                return n;
            }
        };
    }

    @Override
    public long tailOffset(long end, int lines) throws IOException {
        StoredFiles.checkTail(end, lines, name);
        end = Math.min(end, channel.size());
        if (end == 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BLOCK, end));
        byte[] bytes = buffer.array();
        LineCounter counter = new LineCounter(lines);
        long blockEnd = end;
        while (blockEnd > 0) {
            int length = (int) Math.min(bytes.length, blockEnd);
            long blockStart = blockEnd - length;
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, blockStart + buffer.position()) < 0) {
                    throw new IOException(name + " became shorter while its tail was read; try again");
                }
            }
            int at = counter.scan(bytes, 0, length);
            if (at >= 0) {
                return blockStart + at;
            }
            blockEnd = blockStart;
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
