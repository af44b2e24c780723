package io.logmirror.sync.ssh.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the remote folder as the listing saw it, before any validation.
 *
 * @param carrier  the path relative to the remote folder, as a carrier (one char per raw byte, see {@link RemoteNames})
 * @param type     {@code f} regular file, {@code l} symlink, {@code d} directory, anything else a special file
 *                 ({@code p} FIFO, {@code s} socket, {@code b}/{@code c} device), as find's {@code %y} prints it
 * @param size     size in bytes (of the link itself for a symlink)
 * @param modified modification time
 */
public record RawEntry(String carrier, char type, long size, Instant modified) {

    public RawEntry {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(modified, "modified");
    }
}
