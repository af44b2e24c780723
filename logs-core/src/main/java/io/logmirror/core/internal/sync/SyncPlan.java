package io.logmirror.core.internal.sync;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.SkippedEntry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one sync has to do, from comparing the listing with the index.
 *
 * @param transfers     files to fetch, biggest first
 * @param bytesTotal    bytes the transfers are expected to read (appends from their check window)
 * @param returned      files marked gone that the remote lists again
 * @param stalePartials staged partials of files that need none (up to date, or no longer listed)
 * @param remote        the listed files by path text, after excludes and duplicates
 * @param refused       raw names the remote reported but refused: what is at or under them is not gone
 * @param skipped       entries left alone, with the reason
 */
record SyncPlan(List<Transfer> transfers, long bytesTotal, List<LogPath> returned, List<LogPath> stalePartials,
                Map<String, RemoteFile> remote, Set<String> refused, List<SkippedEntry> skipped) {

    /** One file to fetch: {@code local} is what the index had when the plan was made. */
    record Transfer(RemoteFile file, Optional<LogEntry> local) { }
}
