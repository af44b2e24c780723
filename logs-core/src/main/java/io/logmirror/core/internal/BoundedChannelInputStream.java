package io.logmirror.core.internal;

import io.logmirror.core.spi.StoredFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Streams {@code [offset, offset + length)} of a file channel, or of a stored file in any format, with positional
 * reads; closing closes the channel or file. Public only so that {@link io.logmirror.core.LocalDirectorySource} and
 * the store share it; not API.
 */
public final class BoundedChannelInputStream extends InputStream {

    private final StoredFile channel;
    private long position;
    private long remaining;

    /**
     * Refuses a negative {@code offset} or {@code length} for a read of {@code file}, before a channel is opened.
     *
     * @throws IllegalArgumentException naming the values and the file
     */
    public static void checkRange(long offset, long length, Object file) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, were " + offset + " and "
                    + length + " for " + file);
        }
    }

    public BoundedChannelInputStream(FileChannel channel, long offset, long length) {
        this(new Channel(channel), offset, length);
    }

    public BoundedChannelInputStream(StoredFile file, long offset, long length) {
        this.channel = file;
        this.position = offset;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int wanted = (int) Math.min(length, remaining);
        int n = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (n <= 0) {
            remaining = 0;
            return -1;
        }
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, remaining));
        position += skipped;
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Math.min(remaining, channel.size() - position)));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A plain file channel seen as a stored file. */
    private record Channel(FileChannel channel) implements StoredFile {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(ByteBuffer into, long position) throws IOException {
            return channel.read(into, position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
