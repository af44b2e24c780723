package io.logmirror.app.config;

import java.util.Locale;

/** Where the service's mirror comes from; shown as {@code mode} in {@code /} and {@code /status}. */
public enum Mode {
    /** The cluster's log folder over SSH ({@code SSH_HOST} set). */
    SSH,
    /** A folder on this machine, for example the cluster file system mounted here ({@code LOCAL_LOGS_DIR}). */
    LOCAL,
    /** No configuration: a built-in fake cluster whose synthetic logs keep growing. */
    DEMO,
    /** No remote at all: the data folder is served as it is, and nothing syncs. */
    OFFLINE;

    /** The name as the API and the configuration write it, such as {@code ssh}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
