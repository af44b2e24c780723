package io.logmirror.sync.ssh;

import java.io.IOException;

/**
 * The server's host key was refused: unknown under {@link HostKeyPolicy#STRICT}, or different from the one in
 * known_hosts under any policy. The message names host, port and the key's SHA256 fingerprint, and says what to do.
 * Retrying does not help until known_hosts (or the server) changes.
 */
public final class HostKeyRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what was refused and what to do. */
    public HostKeyRejectedException(String message) {
        super(message);
    }
}
