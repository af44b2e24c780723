package io.logmirror.app.config;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.RemoteSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The source of {@link Mode#LOCAL}: a folder on this machine, such as the cluster file system mounted here. */
final class LocalSources {

    private LocalSources() {
    }

    static RemoteSource of(Path folder) {
        try {
            return LocalDirectorySource.of(folder);
        } catch (IOException e) {
            throw new InvalidSettingsException(List.of("LOCAL_LOGS_DIR='" + folder + "' is not allowed: " + e.getMessage()));
        }
    }
}
