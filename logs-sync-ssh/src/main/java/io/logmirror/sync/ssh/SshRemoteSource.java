package io.logmirror.sync.ssh;

import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;

import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link RemoteSource} over one SSH connection (placeholder: being implemented).
 */
public final class SshRemoteSource implements RemoteSource {

    private final SshSettings settings;

    private SshRemoteSource(SshSettings settings) {
        this.settings = settings;
    }

    /** A source for {@code settings}; it connects on first use, not here. */
    public static SshRemoteSource create(SshSettings settings) {
        return new SshRemoteSource(settings);
    }

    @Override
    public RemoteListing list() throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public String describe() {
        return settings.toString();
    }
}
