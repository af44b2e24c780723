package io.logmirror.retention;

import io.logmirror.retention.internal.ZstdFileCompressor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Compresses stored log files in place into zstd's seekable format, and restores them. A compressed file keeps its
 * name and modification time; {@link StoredLogFile} reads it back byte for byte, and the standard tool reads it too:
 * {@code zstd -d -c file > plain}.
 *
 * <p><b>Crash safety.</b> The compressed copy is written to a file in the work folder, forced to disk, given the
 * original's modification time, checked against the original (same size, time and inode, else it is dropped and
 * the original left alone), then renamed over the original in one atomic step. A crash at any point leaves either
 * the plain file or the complete compressed one under the name, never both and
 * never neither; a leftover in the work folder is deleted by {@link #cleanUp()}. {@link #restore} works the same way
 * in the other direction. The work folder must be on the same file system as the files.
 *
 * <p>A reader that opened the file before the rename keeps reading the plain bytes of the file it opened; one that
 * opens after reads the compressed file. Both read the same content.
 *
 * <pre>{@code
 * FileCompressor compressor = FileCompressor.seekableZstd(CompressionOptions.defaults(),
 *         data.resolve(".logmirror/compress"));
 * compressor.cleanUp();                       // once, before the first use after a start
 * CompressionResult result = compressor.compress(data.resolve("logs/slurm-42.out"));
 * }</pre>
 *
 * <p>Thread-safe, but one file must not be compressed or restored by two threads at once (the caller serializes
 * per file, as the store serializes writes per path).
 */
public interface FileCompressor {

    /**
     * A compressor writing zstd's seekable format with {@code options}, staging its copies in {@code workFolder}
     * (created when missing; everything in it belongs to the compressor).
     */
    static FileCompressor seekableZstd(CompressionOptions options, Path workFolder) {
        return new ZstdFileCompressor(options, workFolder);
    }

    /**
     * Compresses {@code file} in place, whatever its size and time.
     *
     * @throws IOException when it cannot be read or the compressed copy cannot be written; the file is left as it was
     */
    CompressionResult compress(Path file) throws IOException;

    /**
     * Compresses {@code file} in place if it still is {@code expectedSize} bytes modified at {@code expectedModified}
     * (as the store listed it); otherwise leaves it and answers {@link CompressionResult.Outcome#CHANGED}.
     *
     * @throws IOException when it cannot be read or the compressed copy cannot be written; the file is left as it was
     */
    CompressionResult compress(Path file, long expectedSize, Instant expectedModified) throws IOException;

    /**
     * Restores a compressed {@code file} to its plain bytes in place (before the file is appended to again).
     *
     * @throws IOException when it cannot be read or the plain copy cannot be written; the file is left as it was
     */
    CompressionResult restore(Path file) throws IOException;

    /** Deletes what a crash left in the work folder. Call it once before compressing after a start. */
    void cleanUp() throws IOException;
}
