package io.logmirror.core.internal.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Translates a refusal of the local disk (no space, no inodes, read-only, permission) into a {@link LocalWriteException}
 * that says what to do, so that a sync can tell "our disk" from "the remote" when it reports a failed file.
 */
public final class DiskErrors {

    private DiskErrors() {
    }

    /** Writing to the local disk failed (disk full, read-only, I/O error), as opposed to reading the remote. */
    public static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(Path file, IOException cause) {
            super("cannot write " + file + " (" + cause.getMessage() + "); free space (or inodes) on the data "
                    + "folder's disk, or check that it is writable", cause);
        }
    }

    /** A write to the local disk. */
    interface DiskOperation<T> {
        T run() throws IOException;
    }

    /**
     * Runs a write to the local disk, turning a file-system refusal into a {@link LocalWriteException}. Exceptions
     * that mean something else (a file missing or in the way) pass through.
     */
    static <T> T onDisk(Path file, DiskOperation<T> operation) throws IOException {
        try {
            return operation.run();
        } catch (LocalWriteException | NoSuchFileException | FileAlreadyExistsException | NotDirectoryException
                 | AtomicMoveNotSupportedException e) {
            throw e;
        } catch (FileSystemException e) {
            throw new LocalWriteException(file, e);
        }
    }

    /** Wraps a failed write of {@code file}'s bytes. */
    static LocalWriteException writeFailed(Path file, IOException cause) {
        return new LocalWriteException(file, cause);
    }

    /** Renames atomically, replacing the target; says so when the data folder spans file systems. */
    static void move(Path from, Path to) throws IOException {
        try {
            onDisk(to, () -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically; keep the data folder on one "
                    + "file system", e);
        }
    }
}
