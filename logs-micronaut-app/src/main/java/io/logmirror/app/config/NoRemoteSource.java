package io.logmirror.app.config;

import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;

import java.io.IOException;
import java.io.InputStream;

/** The source of {@link Mode#OFFLINE}: there is none; the engine is opened only to serve the data folder. */
final class NoRemoteSource implements RemoteSource {

    private static final String WHY = "no remote is configured (LOGS_MODE=offline): set SSH_HOST, or LOCAL_LOGS_DIR, "
            + "or unset LOGS_MODE to run the demo";

    @Override
    public RemoteListing list() throws IOException {
        throw new IOException(WHY);
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        throw new IOException(WHY);
    }

    @Override
    public String describe() {
        return "none (offline)";
    }
}
