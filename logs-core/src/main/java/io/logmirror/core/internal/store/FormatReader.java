package io.logmirror.core.internal.store;

import io.logmirror.core.LogEntry;
import io.logmirror.core.spi.StoredFile;
import io.logmirror.core.spi.StoredFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The store's {@link StoredFileReader}: asks each {@link StoredFormat} found on the class path, then reads the plain
 * file. Never follows a symlink out of {@code <data>/logs} (or {@code <data>/generations}).
 */
final class FormatReader implements StoredFileReader {

    private final DataFolder folder;
    private final List<StoredFormat> formats;

    FormatReader(DataFolder folder, List<StoredFormat> formats) {
        this.folder = folder;
        this.formats = List.copyOf(formats);
    }

    /** The formats {@link ServiceLoader} finds for {@link StoredFormat}. */
    static List<StoredFormat> installedFormats() {
        return ServiceLoader.load(StoredFormat.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    @Override
    public StoredFile open(LogEntry entry) throws IOException {
        Path file = entry.isCurrent() ? folder.currentFile(entry.path())
                : folder.generationFile(entry.path(), entry.generation());
        for (StoredFormat format : formats) {
            Optional<StoredFile> stored = format.open(file);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        Path real = file.toRealPath();
        Path rootReal = folder.realRoot.resolve(entry.isCurrent() ? "logs" : "generations");
        if (!real.startsWith(rootReal)) {
            throw new IOException("refusing to read " + file + ": it resolves to " + real + ", outside the mirror "
                    + rootReal + "; someone planted a symlink there, remove it");
        }
        return new PlainFile(FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    /** A plain file on disk. */
    private record PlainFile(FileChannel channel) implements StoredFile {

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
