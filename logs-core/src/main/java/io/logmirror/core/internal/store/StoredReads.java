package io.logmirror.core.internal.store;

import io.logmirror.core.LogEntry;
import io.logmirror.core.internal.BoundedChannelInputStream;
import io.logmirror.core.spi.StoredFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The read side's byte operations over a {@link StoredFileReader}: a bounded stream, the offset of the last lines, the
 * last lines themselves. Reading stops at the entry's size, so a read is consistent with the listing that produced
 * the entry (and bytes appended but not yet committed stay invisible).
 */
final class StoredReads {

    private final StoredFileReader reader;

    StoredReads(StoredFileReader reader) {
        this.reader = reader;
    }

    InputStream open(LogEntry entry, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, were " + offset + " and "
                    + length + " for " + entry.path());
        }
        return new BoundedChannelInputStream(reader.open(entry), offset, Math.min(length, Math.max(0, entry.size() - offset)));
    }

    long tailOffset(LogEntry entry, int lines) throws IOException {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, was " + lines + " for " + entry.path());
        }
        try (StoredFile file = reader.open(entry)) {
            long end = Math.min(entry.size(), file.size());
            if (end == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(FileBytes.BLOCK, end));
            byte[] bytes = buffer.array();
            long blockEnd = end;
            boolean last = true;
            int found = 0;
            while (blockEnd > 0) {
                int length = (int) Math.min(bytes.length, blockEnd);
                long blockStart = blockEnd - length;
                buffer.clear().limit(length);
                while (buffer.hasRemaining()) {
                    if (file.read(buffer, blockStart + buffer.position()) < 0) {
                        throw new IOException(entry.path() + " became shorter while its tail was read; try again");
                    }
                }
                int i = length - 1;
                if (last) {
                    last = false;
                    if (bytes[i] == '\n') {
                        i--; // the newline that ends the file does not start another line
                    }
                }
                for (; i >= 0; i--) {
                    if (bytes[i] == '\n' && ++found == lines) {
                        return blockStart + i + 1;
                    }
                }
                blockEnd = blockStart;
            }
            return 0;
        }
    }

    List<String> tail(LogEntry entry, int lines) throws IOException {
        long from = tailOffset(entry, lines);
        List<String> result = new ArrayList<>(Math.min(lines, 1024));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = open(entry, from, entry.size() - from)) {
            byte[] buffer = new byte[FileBytes.BLOCK];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        result.add(text(line));
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
        }
        if (line.size() > 0) {
            result.add(text(line));
        }
        return result;
    }

    /** A line without its end ({@code \n} or {@code \r\n}), malformed UTF-8 as U+FFFD. */
    private static String text(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
