package io.logmirror.core;

import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer to one {@link RangeRequest}: the bytes and the file's state when they were read, so that a caller can
 * tell a file that changed between the listing and the read.
 *
 * @param request       what was asked
 * @param sizeAtRead    the file's size when it was read
 * @param modifiedAtRead its modification time when it was read
 * @param bytes         the bytes from {@code request.offset()}: fewer than asked when the file is shorter; valid only
 *                      during the {@link RangeReceiver#onRange} call that receives it
 */
public record FetchedRange(RangeRequest request, long sizeAtRead, Instant modifiedAtRead, InputStream bytes) {

    public FetchedRange {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(modifiedAtRead, "modifiedAtRead");
        Objects.requireNonNull(bytes, "bytes");
    }
}
