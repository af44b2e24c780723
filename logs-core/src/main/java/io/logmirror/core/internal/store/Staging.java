package io.logmirror.core.internal.store;

import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.LogPath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .logmirror/staging/<path>}: partial downloads of new and rewritten files. Nothing here is part of the
 * mirror until the {@link MirrorWriter} renames it into place; a partial is resumed by the next sync. One transfer
 * writes a path at a time.
 */
public final class Staging {

    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);

    private final DataFolder folder;
    private final ConfinedWrites writes;

    Staging(DataFolder folder, ConfinedWrites writes) {
        this.folder = folder;
        this.writes = writes;
    }

    /** The staged partial's size; empty when there is none. */
    public OptionalLong size(LogPath path) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(folder.stagingFile(path), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? OptionalLong.of(attrs.size()) : OptionalLong.empty();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    public void discard(LogPath path) throws IOException {
        Files.deleteIfExists(folder.stagingFile(path));
    }

    /** {@code length} bytes (fewer at the end) of the staged partial from {@code offset}. */
    public byte[] read(LogPath path, long offset, int length) throws IOException {
        return FileBytes.read(folder.stagingFile(path), offset, length);
    }

    /** Whether the staged file holds the same bytes as the current one. */
    public boolean sameAsCurrent(LogPath path) throws IOException {
        return FileBytes.same(folder.stagingFile(path), folder.currentFile(path));
    }

    /**
     * Writes up to {@code max} bytes of {@code in} into the staged partial at {@code offset}, cutting it there first.
     * When the local disk refuses, the partial is deleted at once: one that fills the disk would starve every other
     * file, including the appends to live logs.
     *
     * @throws IOException when the partial cannot be opened, or is shorter than {@code offset}
     */
    public Copy write(LogPath path, long offset, InputStream in, long max, LongConsumer progress) throws IOException {
        Path file = folder.stagingFile(path);
        writes.createParents(file);
        Copy copy;
        try (FileChannel channel = DiskErrors.onDisk(file, () -> FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
            if (channel.size() < offset) {
                throw new IOException("staged partial " + file + " has " + channel.size() + " bytes, fewer than the "
                        + offset + " to resume from; it is discarded and fetched again next time");
            }
            channel.truncate(offset);
            copy = Copy.of(file, in, channel, offset, max, progress);
        }
        if (copy.localWriteFailed()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot remove the partial {} after a failed write ({})", file, e.toString());
            }
        }
        return copy;
    }

    /** Paths with a partial download; usually none, so this costs one directory read. Prunes empty folders. */
    public Set<String> paths() throws IOException {
        Set<String> result = new HashSet<>();
        Path staging = folder.staging;
        if (!Files.isDirectory(staging)) {
            return result;
        }
        Files.walkFileTree(staging, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String text = IndexLoader.joined(staging.relativize(file));
                if (LogPath.parse(text).isPresent()) {
                    result.add(text);
                } else {
                    LOG.warn("ignoring {} in the staging folder: {}", file, InvalidLogPathException.printable(text));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                // Folders left empty by renamed downloads would make this walk slower sync after sync.
                if (!dir.equals(staging)) {
                    try {
                        Files.delete(dir);
                    } catch (IOException notEmpty) {
                        // still holds a partial download
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return result;
    }
}
