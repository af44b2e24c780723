package io.logmirror.sync.ssh;

import java.util.Locale;

/**
 * How the batched transfer stream of an {@link SshRemoteSource} is compressed on the cluster before it crosses the
 * link ({@code SSH_TRANSFER_COMPRESSION}). The stream is decompressed locally with zstd-jni or the JDK's gzip.
 *
 * <p>Logs compress several times over, so on a link slower than the cluster's compressor the transfer is several
 * times faster. {@link #AUTO} (the default) takes zstd when the cluster has it, else {@code gzip -1}, else none.
 * A codec named explicitly but missing on the cluster is replaced by what {@link #AUTO} finds, with a warning.
 * This is independent of {@link SshSettings#compression()} (zlib on the whole SSH connection), which should stay off.
 */
public enum TransferCompression {
    /** zstd when the remote has it, else gzip, else none. */
    AUTO,
    /** {@code zstd -1} on the remote. */
    ZSTD,
    /** {@code gzip -1} on the remote. */
    GZIP,
    /** No compression of the transfer stream. */
    NONE;

    /**
     * Parses a setting's value: {@code auto}, {@code zstd}, {@code gzip} or {@code none}, in any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static TransferCompression parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (TransferCompression each : values()) {
            if (each.name().toLowerCase(Locale.ROOT).equals(text)) {
                return each;
            }
        }
        throw new IllegalArgumentException("SSH_TRANSFER_COMPRESSION must be auto, zstd, gzip or none, was '" + value + "'");
    }
}
