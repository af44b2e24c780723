package io.logmirror.core.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Small positional reads of local files (heads, check windows), never following a symlink. */
final class FileBytes {

    static final int BLOCK = 64 * 1024;

    private FileBytes() {
    }

    static byte[] read(Path file, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            int n = readFully(channel, buffer, offset);
            byte[] result = new byte[n];
            System.arraycopy(buffer.array(), 0, result, 0, n);
            return result;
        }
    }

    static byte[] head(Path file, int length) throws IOException {
        return length <= 0 ? new byte[0] : read(file, 0, length);
    }

    static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Whether two files hold the same bytes. */
    static boolean same(Path a, Path b) throws IOException {
        try (FileChannel x = FileChannel.open(a, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel y = FileChannel.open(b, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (x.size() != y.size()) {
                return false;
            }
            ByteBuffer bx = ByteBuffer.allocate(BLOCK);
            ByteBuffer by = ByteBuffer.allocate(BLOCK);
            long position = 0;
            while (position < x.size()) {
                bx.clear();
                by.clear();
                int n = readFully(x, bx, position);
                int m = readFully(y, by, position);
                if (n != m || n == 0) {
                    return n == m;
                }
                bx.flip();
                by.flip();
                if (!bx.equals(by)) {
                    return false;
                }
                position += n;
            }
            return true;
        }
    }
}
