package io.logmirror.core;

/**
 * Brings a {@link LogStore} up to date with a {@link RemoteSource} and reports what changed.
 *
 * <p>The default implementation is the mirror algorithm (see {@code docs/architecture.md}): unchanged
 * files cost no read, grown files cost only their new bytes, rewritten files keep their previous
 * generation, files gone remotely stay local, and hostile names are skipped and reported.
 * A syncer is not required to be re-entrant: {@link LogMirror} runs one sync at a time.
 */
public interface Syncer {

    /**
     * Runs one sync.
     *
     * @param progress told as files complete; may be {@link SyncProgressListener#NONE}
     * @return what changed, what was skipped, and which files failed (a failed file does not stop the others)
     * @throws java.io.IOException when the remote cannot be listed at all
     * @throws InterruptedException when the sync was cancelled; the store stays consistent
     */
    SyncReport sync(SyncProgressListener progress) throws java.io.IOException, InterruptedException;
}
