package io.logmirror.core.internal.store;

import io.logmirror.core.LogPath;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder's layout, its lock and the time precision of its file system.
 *
 * <pre>
 * data/
 *   logs/&lt;path&gt;                          current files; their mtime is the remote mtime (the sync state)
 *   categorized/&lt;category&gt;/&lt;path&gt;       relative symlinks to logs/&lt;path&gt; (when enabled; not for hidden files)
 *   generations/&lt;n&gt;/&lt;path&gt;              earlier generations kept when a file was rewritten (1 = oldest)
 *   .logmirror/staging/&lt;path&gt;             resumable partial downloads, renamed into logs/ when whole
 *   .logmirror/state                      journal of categories and gone marks (see {@link StateJournal})
 *   .logmirror/changes/                   the change feed's journal
 *   .logmirror/lock                       held while a writable store is open
 * </pre>
 */
final class DataFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);

    final Path root;
    final Path realRoot;
    final Path logs;
    final Path categorized;
    final Path generations;
    final Path internal;
    final Path staging;
    final Path state;
    private final ChronoUnit precision;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataFolder(Path root, boolean writable) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.logs = this.root.resolve("logs");
        this.categorized = this.root.resolve("categorized");
        this.generations = this.root.resolve("generations");
        this.internal = this.root.resolve(".logmirror");
        this.staging = internal.resolve("staging");
        this.state = internal.resolve("state");
        if (!writable) {
            if (!Files.isDirectory(this.root)) {
                throw new NoSuchFileException(this.root.toString(), null,
                        "the data folder does not exist; give the folder a LogMirror writes to");
            }
            lockChannel = null;
            lock = null;
            realRoot = this.root.toRealPath();
            precision = ChronoUnit.NANOS;
            return;
        }
        try {
            Files.createDirectories(logs);
            Files.createDirectories(categorized);
            Files.createDirectories(generations);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new IOException("cannot create the data folder " + this.root + " (" + e + "); check that it is "
                    + "writable by this user and the disk is not full", e);
        }
        try {
            lockChannel = FileChannel.open(internal.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot open the data folder " + this.root + " for writing (" + e + "); check "
                    + "that its disk is writable and not full, or open it with LogStore.openReadOnly to serve "
                    + "what it holds", e);
        }
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IOException("data folder " + this.root + " is already in use by another LogMirror (it holds "
                    + internal.resolve("lock") + "); close that one first, or give this one its own data folder");
        }
        lock = acquired;
        try {
            realRoot = this.root.toRealPath();
        } catch (IOException e) {
            close();
            throw e;
        }
        precision = probePrecision(internal);
    }

    /** Opens (creating it) a data folder for writing and takes its lock; only one writer per folder. */
    static DataFolder openWritable(Path root) throws IOException {
        return new DataFolder(root, true);
    }

    /** Opens an existing data folder for reading only; takes no lock. */
    static DataFolder openReadOnly(Path root) throws IOException {
        return new DataFolder(root, false);
    }

    Path currentFile(LogPath path) {
        return path.resolveAgainst(logs);
    }

    Path stagingFile(LogPath path) {
        return path.resolveAgainst(staging);
    }

    Path generationFile(LogPath path, int generation) {
        return path.resolveAgainst(generations.resolve(Integer.toString(generation)));
    }

    Path changeJournal() {
        return internal.resolve("changes");
    }

    /**
     * {@code modified} as a local file can carry it: at the precision this file system keeps, and before 1970 in
     * whole seconds (Java 17 sets a negative time with a fraction of a second to the epoch itself).
     */
    Instant localPrecision(Instant modified) {
        if (modified.getEpochSecond() < 0 && modified.getNano() != 0) {
            return modified.truncatedTo(ChronoUnit.SECONDS);
        }
        return modified.truncatedTo(precision);
    }

    private static ChronoUnit probePrecision(Path folder) {
        Path probe = folder.resolve("mtime-probe");
        try {
            Files.write(probe, new byte[0]);
        } catch (IOException e) {
            LOG.warn("cannot probe the time precision of {} ({}); assuming nanoseconds", folder, e.toString());
            return ChronoUnit.NANOS;
        }
        try {
            Instant wanted = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
            Files.setLastModifiedTime(probe, FileTime.from(wanted));
            Instant got = Files.getLastModifiedTime(probe).toInstant();
            for (ChronoUnit unit : new ChronoUnit[] {ChronoUnit.NANOS, ChronoUnit.MICROS, ChronoUnit.MILLIS}) {
                if (got.equals(wanted.truncatedTo(unit))) {
                    return unit;
                }
            }
            return ChronoUnit.SECONDS;
        } catch (IOException e) {
            LOG.warn("cannot probe the time precision of {} ({}); assuming nanoseconds", folder, e.toString());
            return ChronoUnit.NANOS;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", probe, e);
            }
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot release the lock of {} ({})", root, e.toString());
        }
    }
}
