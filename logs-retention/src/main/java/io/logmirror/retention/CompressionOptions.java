package io.logmirror.retention;

/**
 * How {@link FileCompressor} compresses: the zstd level and how many plain bytes go into each independent frame.
 * Smaller frames make a tail or a range cheaper to read and compress a little worse.
 *
 * <pre>{@code
 * CompressionOptions options = CompressionOptions.defaults().withLevel(6);
 * }</pre>
 *
 * @param level     zstd's compression level, 1 (fastest) to 19; default {@value #DEFAULT_LEVEL}
 * @param frameSize plain bytes per frame, 4 KiB to 64 MiB; default {@value #DEFAULT_FRAME_SIZE} (1 MiB)
 */
public record CompressionOptions(int level, int frameSize) {

    /** The default level: measured on synthetic logs in docs/benchmarks.md. */
    public static final int DEFAULT_LEVEL = 3;
    /** The default frame size, 1 MiB. */
    public static final int DEFAULT_FRAME_SIZE = 1 << 20;
    static final int MIN_FRAME_SIZE = 4 << 10;
    static final int MAX_FRAME_SIZE = 64 << 20;

    public CompressionOptions {
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("compression level must be 1 to 19, was " + level);
        }
        if (frameSize < MIN_FRAME_SIZE || frameSize > MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("frame size must be " + MIN_FRAME_SIZE + " to " + MAX_FRAME_SIZE
                    + " bytes, was " + frameSize);
        }
    }

    /** Level {@value #DEFAULT_LEVEL}, frames of 1 MiB. */
    public static CompressionOptions defaults() {
        return new CompressionOptions(DEFAULT_LEVEL, DEFAULT_FRAME_SIZE);
    }

    /** These options with another level. */
    public CompressionOptions withLevel(int level) {
        return new CompressionOptions(level, frameSize);
    }

    /** These options with another frame size. */
    public CompressionOptions withFrameSize(int frameSize) {
        return new CompressionOptions(level, frameSize);
    }
}
