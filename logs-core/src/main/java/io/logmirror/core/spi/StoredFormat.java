package io.logmirror.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A way of storing a mirrored file other than as a plain file (compressed, say), which every reader of the store
 * reads back without knowing: {@link io.logmirror.core.LogStore#open}, {@code tailOffset}, {@code tail} and the line
 * feed all go through the stored-file reader, which asks each format in turn before reading the plain file.
 *
 * <p>A module outside the core provides one by implementing this interface and naming the class in
 * {@code META-INF/services/io.logmirror.core.spi.StoredFormat}; the store finds it with {@link java.util.ServiceLoader}
 * when it opens. The format decides how it recognizes its own files (a sibling {@code <file>.zst}, say); writing them
 * (compressing old generations, for example) is the format's module's business, done through the store's removal and
 * replacement operations so that the index and the change feed stay right.
 *
 * <pre>{@code
 * public final class ZstdSeekableFormat implements StoredFormat {
 *     public Optional<StoredFile> open(Path file) throws IOException {
 *         Path packed = file.resolveSibling(file.getFileName() + ".zst");
 *         return Files.exists(packed) ? Optional.of(new ZstdSeekableFile(packed)) : Optional.empty();
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe: the store calls {@link #open} from any reading thread.
 */
public interface StoredFormat {

    /**
     * Opens the stored form of {@code file} (the path where the store keeps the plain file: {@code <data>/logs/<path>}
     * or {@code <data>/generations/<n>/<path>}), if this format holds it.
     *
     * @return empty when this format does not hold the file; the store then asks the next format, then reads the
     *         plain file
     * @throws IOException when the format holds the file but cannot open it
     */
    Optional<StoredFile> open(Path file) throws IOException;
}
