package io.logmirror.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every write inside the data folder: a write never goes through a folder whose real path is not itself (a
 * planted symlink). A folder once verified is re-checked with one {@code stat} of its device and inode instead of
 * resolving every ancestor again: a symlink planted anywhere above it makes that {@code stat} land on another inode,
 * which triggers the full check. Thread-safe.
 */
final class ConfinedWrites {

    private static final int MAX_REMEMBERED = 100_000;

    private final Path data;
    private final Path realData;
    /** Folders of the data folder whose real path was checked, with their file key (device and inode). */
    private final ConcurrentHashMap<Path, Object> verified = new ConcurrentHashMap<>();

    ConfinedWrites(Path data, Path realData) {
        this.data = data;
        this.realData = realData;
    }

    /** Creates the parent folders of {@code file} and checks that the parent is not reached through a symlink. */
    void createParents(Path file) throws IOException {
        Path parent = file.getParent();
        if (!stillVerified(parent)) {
            DiskErrors.onDisk(parent, () -> Files.createDirectories(parent));
            verify(parent, file);
        }
    }

    /** Refuses to write through a symlinked folder: the parent's real path must be the path itself. */
    void checkParentInside(Path file) throws IOException {
        Path parent = file.getParent();
        if (!stillVerified(parent)) {
            verify(parent, file);
        }
    }

    private void verify(Path parent, Path file) throws IOException {
        Path expected = realData.resolve(data.relativize(parent));
        Path real = parent.toRealPath();
        if (!real.equals(expected)) {
            throw new IOException("refusing to write " + file + ": folder " + parent + " resolves to " + real
                    + " through a symlink; the mirror never creates one, remove it");
        }
        Object key = Files.readAttributes(parent, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        if (key != null) {
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear(); // a bound on the memory; folders are simply checked fully again
            }
            verified.put(parent, key);
        }
    }

    private boolean stillVerified(Path folder) {
        Object key = verified.get(folder);
        if (key == null) {
            return false;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory() && key.equals(attrs.fileKey())) {
                return true;
            }
        } catch (IOException e) {
            // gone: check again below
        }
        verified.remove(folder);
        return false;
    }
}
