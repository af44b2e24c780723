package io.logmirror.core;

import java.util.Objects;

/**
 * One byte range to read in a {@link RemoteSource#fetch batched fetch}.
 *
 * @param file   the file as listed
 * @param offset the first byte wanted
 * @param length how many bytes are wanted at most ({@code Long.MAX_VALUE}: to the end at reading time)
 */
public record RangeRequest(RemoteFile file, long offset, long length) {

    public RangeRequest {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length of " + file.path() + " must not be negative: "
                    + offset + ", " + length);
        }
    }
}
