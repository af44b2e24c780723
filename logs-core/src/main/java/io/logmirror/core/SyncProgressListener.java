package io.logmirror.core;

/** Told about a running sync's progress; called from sync threads, so implementations must be thread-safe and quick. */
@FunctionalInterface
public interface SyncProgressListener {

    /** A listener that ignores everything. */
    SyncProgressListener NONE = progress -> { };

    /** The sync has reached {@code progress}. */
    void onProgress(SyncProgress progress);
}
