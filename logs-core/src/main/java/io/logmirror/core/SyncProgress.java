package io.logmirror.core;

/**
 * How far a running sync has come. Totals count only files that need a transfer.
 *
 * @param filesDone  files finished (transferred, or failed)
 * @param filesTotal files that need a transfer in this sync
 * @param bytesDone  bytes fetched so far
 * @param bytesTotal bytes this sync expects to fetch
 */
public record SyncProgress(int filesDone, int filesTotal, long bytesDone, long bytesTotal) {

    /** No work yet. */
    public static final SyncProgress NONE = new SyncProgress(0, 0, 0, 0);
}
