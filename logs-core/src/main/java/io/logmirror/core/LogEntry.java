package io.logmirror.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One mirrored file as the store knows it.
 *
 * @param path          its path in the mirror
 * @param category      the category it was sorted into
 * @param size          its local size in bytes
 * @param modified      the remote modification time (local files carry the same time)
 * @param goneRemotely  whether the remote no longer has it (the local copy is kept)
 * @param generation    0 for the current file; 1, 2, ... for earlier generations kept when the remote
 *                      file was rewritten or truncated (1 is the oldest)
 */
public record LogEntry(LogPath path, Category category, long size, Instant modified,
                       boolean goneRemotely, int generation) {

    public LogEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(modified, "modified");
    }

    /** Whether this is the current generation of the file. */
    public boolean isCurrent() {
        return generation == 0;
    }
}
