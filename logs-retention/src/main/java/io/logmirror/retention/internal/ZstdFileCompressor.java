package io.logmirror.retention.internal;

import io.logmirror.retention.CompressionOptions;
import io.logmirror.retention.CompressionResult;
import io.logmirror.retention.CompressionResult.Outcome;
import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.StoredLogFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The in-place seekable zstd compressor: staged copy, fsync, check, atomic rename. The folder is not forced after the
 * rename: a rename lost in a crash leaves the plain file under the name (and the staged copy for cleanUp), which is
 * as readable; forcing it would double the synchronous writes per file for nothing.
 */
public final class ZstdFileCompressor implements FileCompressor {

    /** The points a crash test stops at; production code passes {@link #NO_CRASH}. */
    enum Step { STAGED, WRITTEN, SYNCED, RENAMED }

    interface StepHook {
        void reached(Step step, Path staged);
    }

    static final StepHook NO_CRASH = (step, staged) -> { };
    private static final String SUFFIX = ".tmp";

    private final CompressionOptions options;
    private final Path workFolder;
    private final StepHook hook;

    public ZstdFileCompressor(CompressionOptions options, Path workFolder) {
        this(options, workFolder, NO_CRASH);
    }

    ZstdFileCompressor(CompressionOptions options, Path workFolder, StepHook hook) {
        this.options = Objects.requireNonNull(options, "options");
        this.workFolder = Objects.requireNonNull(workFolder, "workFolder");
        this.hook = hook;
    }

    @Override
    public CompressionResult compress(Path file) throws IOException {
        return convert(file, true, -1, null);
    }

    @Override
    public CompressionResult compress(Path file, long expectedSize, Instant expectedModified) throws IOException {
        return convert(file, true, expectedSize, Objects.requireNonNull(expectedModified, "expectedModified"));
    }

    @Override
    public CompressionResult restore(Path file) throws IOException {
        return convert(file, false, -1, null);
    }

    @Override
    public void cleanUp() throws IOException {
        if (!Files.isDirectory(workFolder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(workFolder, "*" + SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private CompressionResult convert(Path file, boolean compress, long expectedSize, Instant expectedModified)
            throws IOException {
        long started = System.nanoTime();
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!before.isRegularFile()) {
            throw new IOException(file + " is not a regular file; only stored log files are compressed");
        }
        if (expectedModified != null && (before.size() != expectedSize
                || !before.lastModifiedTime().toInstant().equals(expectedModified))) {
            return result(file, Outcome.CHANGED, before.size(), before.size(), started);
        }
        try (StoredLogFile source = StoredLogFile.open(file)) {
            if (source.compressed() == compress) {
                return result(file, Outcome.ALREADY, source.size(), source.storedBytes(), started);
            }
            Files.createDirectories(workFolder);
            Path staged = workFolder.resolve((compress ? "compress-" : "restore-") + UUID.randomUUID() + SUFFIX);
            // Only an exception deletes the staged copy: a crash (an Error in the crash tests) leaves it for cleanUp().
            try {
                long stored = stage(file, source, compress, before, staged);
                if (stored < 0 || changedSince(file, before)) {
                    Files.deleteIfExists(staged);
                    return result(file, Outcome.CHANGED, source.size(), before.size(), started);
                }
                try {
                    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("cannot replace " + file + " atomically from " + staged
                            + ": the compressor's work folder must be on the same file system as the files", e);
                }
                hook.reached(Step.RENAMED, staged);
                return result(file, Outcome.DONE, source.size(), stored, started);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(staged);
                throw e;
            }
        }
    }

    /** Writes the other form of {@code file} to {@code staged}, forced to disk with the file's time; -1 if it changed. */
    private long stage(Path file, StoredLogFile source, boolean compress, BasicFileAttributes before, Path staged)
            throws IOException {
        long stored;
        try (FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            hook.reached(Step.STAGED, staged);
            if (compress) {
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                    if (!sameFile(in, before, file)) {
                        return -1;
                    }
                    stored = new SeekableZstdWriter(options).write(in, before.size(), out, file).compressedBytes();
                }
            } else {
                try (InputStream in = source.open(0, source.size())) {
                    stored = in.transferTo(Channels.newOutputStream(out));
                }
            }
            hook.reached(Step.WRITTEN, staged);
            out.force(true);
        }
        Files.setLastModifiedTime(staged, before.lastModifiedTime());
        hook.reached(Step.SYNCED, staged);
        return stored;
    }

    /** Whether the channel opened for reading is the file whose attributes were read first (not replaced between). */
    private static boolean sameFile(FileChannel in, BasicFileAttributes before, Path file) throws IOException {
        Object key = before.fileKey();
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return in.size() == before.size() && (key == null || key.equals(now.fileKey()));
    }

    private static boolean changedSince(Path file, BasicFileAttributes before) throws IOException {
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return now.size() != before.size()
                || !now.lastModifiedTime().equals(before.lastModifiedTime())
                || (before.fileKey() != null && !before.fileKey().equals(now.fileKey()));
    }

    private static CompressionResult result(Path file, Outcome outcome, long plain, long stored, long started) {
        return new CompressionResult(file, outcome, plain, stored, Duration.ofNanos(System.nanoTime() - started));
    }
}
