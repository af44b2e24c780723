package io.logmirror.retention.internal;

import io.logmirror.retention.StoredLogFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a stored file in the format its first bytes name. */
public final class StoredFiles {

    private StoredFiles() {
    }

    public static StoredLogFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            return of(channel, file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public static StoredLogFile of(FileChannel channel, Object name) throws IOException {
        long size = channel.size();
        ByteBuffer head = head(channel, size);
        if (SeekableFormat.isHeader(head)) {
            long plainSize = head.getLong(16);
            return new SeekableZstdFile(channel, size, plainSize, name);
        }
        return new PlainStoredFile(channel, name);
    }

    public static boolean isCompressed(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return SeekableFormat.isHeader(head(channel, channel.size()));
        }
    }

    private static ByteBuffer head(FileChannel channel, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(SeekableFormat.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (size < SeekableFormat.HEADER_SIZE) {
            return head.limit(0);
        }
        while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
            // positional reads until the header is in or the file ends
        }
        return head.flip();
    }

    static void checkRange(long offset, long length, Object name) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, were " + offset + " and "
                    + length + " for " + name);
        }
    }

    static void checkTail(long end, int lines, Object name) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, was " + lines + " for " + name);
        }
        if (end < 0) {
            throw new IllegalArgumentException("end must not be negative, was " + end + " for " + name);
        }
    }
}
