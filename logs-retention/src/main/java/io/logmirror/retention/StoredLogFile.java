package io.logmirror.retention;

import io.logmirror.retention.internal.StoredFiles;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One stored log file read by its plain content, whether it is kept plain or compressed in zstd's seekable format
 * (see {@link FileCompressor}). The format is recognized from the file's first bytes, on the channel that is then
 * read, so a file compressed or restored in place while it is open still reads back its own bytes.
 *
 * <p>Ranges and tails of a compressed file decompress only the frames they touch (one frame is 1 MiB of plain bytes
 * by default); the two most recently decompressed frames are kept, so a tail followed by reading those lines
 * decompresses each frame once.
 *
 * <pre>{@code
 * try (StoredLogFile file = StoredLogFile.open(Path.of("data/logs/slurm-42.out"))) {
 *     long from = file.tailOffset(file.size(), 100);
 *     try (InputStream in = file.open(from, file.size() - from)) { in.transferTo(System.out); }
 * }
 * }</pre>
 *
 * <p>Thread-safe: several threads may open ranges of one {@code StoredLogFile} at once. Each stream it returns is for
 * one thread, shares the file's channel, and must be closed before the file is.
 */
public interface StoredLogFile extends Closeable {

    /**
     * Opens {@code file} for reading (not following a symlink at its last element) and recognizes its format.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException when it cannot be read, or it is marked compressed but its seek table is damaged
     */
    static StoredLogFile open(Path file) throws IOException {
        return StoredFiles.open(file);
    }

    /**
     * Reads {@code channel} (owned by the returned file from now on: closing the file closes it) as a stored file.
     *
     * @param name names the file in error messages
     * @throws IOException when it cannot be read, or it is marked compressed but its seek table is damaged
     */
    static StoredLogFile of(FileChannel channel, Object name) throws IOException {
        return StoredFiles.of(channel, name);
    }

    /**
     * Whether {@code file} is stored compressed: its first bytes carry the compressed format's header. Reads 24 bytes;
     * does not check the rest of the file.
     *
     * @throws IOException when the file cannot be read
     */
    static boolean isCompressed(Path file) throws IOException {
        return StoredFiles.isCompressed(file);
    }

    /** The plain content's size in bytes. */
    long size();

    /** The bytes the file takes on disk (its length), which is {@link #size()} for a plain file. */
    long storedBytes();

    /** Whether the file is stored compressed. */
    boolean compressed();

    /**
     * Streams {@code length} plain bytes from {@code offset} (fewer when the content ends sooner). A compressed
     * file decompresses the frames the range touches, one at a time, as the stream is read.
     *
     * @throws IllegalArgumentException when offset or length is negative
     */
    InputStream open(long offset, long length) throws IOException;

    /**
     * The offset where the last {@code lines} lines before {@code end} begin, read backwards (for a compressed file,
     * frame by frame from the last). A final line without a newline counts as a line; the newline that ends the
     * content does not start an extra empty one. Returns 0 when there are no more than {@code lines} lines.
     *
     * @param end where the content is taken to end (a listing's size), at most {@link #size()}
     * @throws IllegalArgumentException when lines is less than 1 or end is negative
     */
    long tailOffset(long end, int lines) throws IOException;
}
