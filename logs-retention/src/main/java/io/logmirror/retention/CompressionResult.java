package io.logmirror.retention;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link FileCompressor#compress} or {@link FileCompressor#restore} did to one file.
 *
 * @param file        the file, compressed or restored in place
 * @param outcome     what happened
 * @param plainBytes  the plain content's size
 * @param storedBytes the bytes the file takes on disk now
 * @param took        how long it took
 */
public record CompressionResult(Path file, Outcome outcome, long plainBytes, long storedBytes, Duration took) {

    /** What happened to the file. */
    public enum Outcome {
        /** It was compressed (or, for {@link FileCompressor#restore}, restored to plain). */
        DONE,
        /** It already was in the wanted form; nothing was written. */
        ALREADY,
        /**
         * It changed (size, modification time or identity) while it was compressed, or differed from what the caller
         * expected; it was left as it is.
         */
        CHANGED
    }
}
