package io.logmirror.core.internal.store;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The bytes of {@code logs/<path>} below the index: appended bytes are on disk before the {@link MirrorWriter} commits
 * them (readers see a file up to its indexed size only, so uncommitted bytes are invisible), and cut back when they
 * turn out to mix two versions of the remote file. One transfer writes a path at a time.
 */
public final class CurrentFiles {

    private final DataFolder folder;
    private final ConfinedWrites writes;
    private final Function<LogPath, Optional<LogEntry>> find;

    CurrentFiles(DataFolder folder, ConfinedWrites writes, Function<LogPath, Optional<LogEntry>> find) {
        this.folder = folder;
        this.writes = writes;
        this.find = find;
    }

    /** What an append did. */
    public sealed interface Append {
        /** The bytes that made it ({@code copy}) and the file's size on disk afterwards (the disk's word). */
        record Written(Copy copy, long sizeOnDisk) implements Append { }

        /** The local copy does not have the expected size: someone changed it outside the mirror. Nothing written. */
        record LocalCopyChanged(long sizeOnDisk, String message) implements Append { }
    }

    /**
     * Appends up to {@code max} bytes of {@code in} to the current file, which must have exactly {@code size} bytes.
     *
     * @throws IOException when the file cannot be opened for writing
     */
    public Append append(LogPath path, long size, InputStream in, long max, LongConsumer progress) throws IOException {
        Path file = folder.currentFile(path);
        writes.checkParentInside(file);
        try (FileChannel channel = DiskErrors.onDisk(file, () -> FileChannel.open(file, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS))) {
            long actual = channel.size();
            if (actual != size) {
                return new Append.LocalCopyChanged(actual, "local copy " + file + " has " + actual + " bytes where "
                        + size + " were expected; it was changed outside the mirror");
            }
            Copy copy = Copy.of(file, in, channel, size, max, progress);
            long onDisk = size + copy.bytes();
            if (copy.bytes() > 0 && channel.isOpen()) {
                onDisk = Math.max(size, channel.size()); // the disk's word, should a write have half-failed
            }
            return new Append.Written(copy, onDisk);
        }
    }

    /** Cuts the current file back to {@code size} bytes: appended bytes that mixed two versions of the remote file. */
    public void cutBack(LogPath path, long size) throws IOException {
        Path file = folder.currentFile(path);
        writes.checkParentInside(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.truncate(size);
        }
    }

    /** {@code length} bytes (fewer at the end) of the current file from {@code offset}. */
    public byte[] read(LogPath path, long offset, int length) throws IOException {
        return FileBytes.read(folder.currentFile(path), offset, length);
    }

    /** Whether the current file of {@code path} is on disk (someone may have deleted it by hand). */
    public boolean exists(LogPath path) {
        return Files.isRegularFile(folder.currentFile(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * What stands in the mirror where {@code path} must go, said so that a user can act: a file kept (usually gone
     * remotely) where the remote now has a folder, or a kept folder where the remote now has a file. Empty when the
     * way is free. Costs one {@code stat} per folder of the path; asked only for files new to the mirror.
     */
    public Optional<String> obstacle(LogPath path) {
        Path at = folder.logs;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            at = at.resolve(segments.get(i));
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return Optional.empty(); // nothing there yet
            }
            String here = String.join("/", segments.subList(0, i + 1));
            boolean last = i == segments.size() - 1;
            if (!last && attrs.isRegularFile()) {
                boolean gone = find.apply(LogPath.of(here)).map(LogEntry::goneRemotely).orElse(false);
                return Optional.of("the mirror keeps '" + here + "' as a file" + (gone ? " (gone remotely)" : "")
                        + " where the remote now has a folder of that name; move " + at + " out of the data folder "
                        + "(or delete it) and the next sync mirrors the folder's files");
            }
            if (last && attrs.isDirectory()) {
                return Optional.of("the mirror keeps a folder '" + here + "' (its files are gone remotely) where the "
                        + "remote now has a file of that name; move " + at + " out of the data folder (or delete it) "
                        + "and the next sync mirrors the file");
            }
            if (!attrs.isRegularFile() && !attrs.isDirectory()) {
                return Optional.of(at + " is in the way and is not something the mirror creates (a symlink or a "
                        + "special file); remove it and the next sync mirrors '" + path + "'");
            }
        }
        return Optional.empty();
    }
}
