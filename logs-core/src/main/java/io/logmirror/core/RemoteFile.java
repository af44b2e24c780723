package io.logmirror.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One regular file as a {@link RemoteSource} listed it.
 *
 * @param path       where the file goes in the mirror (already validated)
 * @param size       its size in bytes at listing time
 * @param modified   its modification time on the remote, at the precision the remote gives
 * @param sourceName the name the source needs to open it again; usually {@code path.toString()}, but a
 *                   source whose raw names are not valid UTF-8 keeps the raw name here
 */
public record RemoteFile(LogPath path, long size, Instant modified, String sourceName) {

    public RemoteFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(sourceName, "sourceName");
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " is negative: " + size);
        }
    }

    /** A file whose source name is its path. */
    public static RemoteFile of(LogPath path, long size, Instant modified) {
        return new RemoteFile(path, size, modified, path.toString());
    }
}
