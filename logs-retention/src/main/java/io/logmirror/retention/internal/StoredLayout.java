package io.logmirror.retention.internal;

import io.logmirror.core.LogEntry;
import io.logmirror.retention.StoredLogFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where the store keeps an entry's bytes: {@code <data>/logs/<path>} for the current file,
 * {@code <data>/generations/<n>/<path>} for an old generation (docs/architecture.md, "The store").
 */
final class StoredLayout {

    private final Path data;

    StoredLayout(Path data) {
        this.data = data;
    }

    Path fileOf(LogEntry entry) {
        Path root = entry.isCurrent() ? data.resolve("logs") : data.resolve("generations")
                .resolve(Integer.toString(entry.generation()));
        return entry.path().resolveAgainst(root);
    }

    /** The file, after checking that no planted symlink leads it out of the data folder. */
    Path checkedFileOf(LogEntry entry) throws IOException {
        Path file = fileOf(entry);
        Path real = file.toRealPath();
        Path root = data.toRealPath().resolve(entry.isCurrent() ? "logs" : "generations");
        if (!real.startsWith(root) || !real.getParent().equals(file.getParent().toRealPath())) {
            throw new IOException("refusing to compress " + file + ": it resolves to " + real + ", outside " + root
                    + "; someone planted a symlink there, remove it");
        }
        return file;
    }

    /** What the entry takes on disk, and whether it is compressed (read only when its size says it may be). */
    RetentionPlanner.Item item(LogEntry entry) throws IOException {
        Path file = fileOf(entry);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IOException("it is not a regular file; if it is a symlink someone planted, remove it");
        }
        // A plain file is as long as the index says; only a file of another length can be compressed.
        boolean compressed = attributes.size() != entry.size() && StoredLogFile.isCompressed(file);
        return new RetentionPlanner.Item(entry, attributes.size(), compressed);
    }
}
