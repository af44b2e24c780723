package io.logmirror.app.config;

import io.logmirror.core.RemoteSource;

import java.nio.file.Path;
import java.util.List;

/** The source of {@link Mode#LOCAL}. */
final class LocalSources {

    private LocalSources() {
    }

    static RemoteSource of(Path folder) {
        // PENDING core merge: LocalDirectorySource
        throw new InvalidSettingsException(List.of("LOCAL_LOGS_DIR='" + folder + "' is not supported by this build: "
                + "mirror over SSH (SSH_HOST) instead"));
    }
}
