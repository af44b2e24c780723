package io.logmirror.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The folder a mirror reads from: the cluster's log folder over SSH, a locally mounted folder,
 * or a fake in tests.
 *
 * <p>Implementations must be safe for concurrent use: the syncer lists once, then reads several
 * files at the same time (up to {@link #preferredParallelism()}). A source never trusts the remote:
 * {@link #list()} turns every name into a {@link LogPath} and reports the ones it cannot as
 * {@link SkippedEntry skipped}, and it lists only regular files (a symlink only when it points to a
 * regular file inside the folder).
 *
 * <pre>{@code
 * try (RemoteSource source = LocalDirectorySource.of(Path.of("/mnt/cluster/logs"))) {
 *     RemoteListing listing = source.list();
 *     try (InputStream in = source.open(listing.files().get(0), 0, 4096)) { ... }
 * }
 * }</pre>
 */
public interface RemoteSource extends Closeable {

    /**
     * Lists the remote folder recursively.
     *
     * @throws IOException when the folder cannot be listed at all (a single bad entry is skipped instead)
     */
    RemoteListing list() throws IOException;

    /**
     * Opens {@code file} for reading {@code length} bytes starting at {@code offset}. The stream ends
     * after {@code length} bytes, or earlier if the remote file is now shorter.
     *
     * @throws IOException when the file cannot be opened; a failure part-way surfaces from the stream's reads
     */
    InputStream open(RemoteFile file, long offset, long length) throws IOException;

    /**
     * Reads many ranges at once: each answer goes to {@code receiver} as it arrives. A source reached over a link
     * with latency overrides this to cost a handful of round trips for the whole batch instead of a few per file.
     * The default opens the ranges one after another with {@link #open}.
     *
     * @throws IOException when the batch cannot run at all; a failure of one range goes to
     *                     {@link RangeReceiver#onFailure} and the others go on
     * @throws InterruptedException when cancelled
     */
    default void fetch(List<RangeRequest> requests, RangeReceiver receiver) throws IOException, InterruptedException {
        for (RangeRequest request : requests) {
            if (Thread.interrupted()) {
                throw new InterruptedException("fetch cancelled");
            }
            RemoteFile file = request.file();
            try (InputStream in = open(file, request.offset(), request.length())) {
                receiver.onRange(new FetchedRange(request, file.size(), file.modified(), in));
            } catch (IOException e) {
                receiver.onFailure(request, e);
            }
        }
    }

    /** How many files this source reads well at the same time. */
    default int preferredParallelism() {
        return 1;
    }

    /** Where this source reads from, for logs and status (for example {@code ssh://user@host:8822/~/logs}); never holds secrets. */
    String describe();

    /** Releases connections; the default does nothing. */
    @Override
    default void close() throws IOException {
    }
}
