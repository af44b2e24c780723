package io.logmirror.retention.internal;

import io.logmirror.core.spi.StoredFile;
import io.logmirror.core.spi.StoredFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Lets the store read files this module compressed in place: the store asks it before reading any stored file, and
 * it answers for a file that starts with the compressed format's header (24 bytes read), so every reader of the
 * store (ranges, tails, the line feed) reads the plain content. Registered in
 * {@code META-INF/services/io.logmirror.core.spi.StoredFormat}. Thread-safe; each file it opens is for one reader.
 */
public final class SeekableZstdStoredFormat implements StoredFormat {

    /** For {@link java.util.ServiceLoader}. */
    public SeekableZstdStoredFormat() {
    }

    @Override
    public Optional<StoredFile> open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            io.logmirror.retention.StoredLogFile stored = StoredFiles.of(channel, file);
            if (stored instanceof SeekableZstdFile compressed) {
                return Optional.of(new Adapter(compressed));
            }
            channel.close(); // plain: the store reads it itself
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private record Adapter(SeekableZstdFile file) implements StoredFile {

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public int read(ByteBuffer into, long position) throws IOException {
            return file.read(into, position);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
