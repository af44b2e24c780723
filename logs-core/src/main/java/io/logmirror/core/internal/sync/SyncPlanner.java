package io.logmirror.core.internal.sync;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.internal.store.FsLogStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a listing with the index and says what to do: nothing for a file of the same size and time (the common
 * case costs no read), a transfer for everything else, a "returned" mark for a file gone that is back. Changes
 * nothing itself.
 */
final class SyncPlanner {

    private final FsLogStore store;
    private final Excludes excludes;
    private final int window;

    SyncPlanner(FsLogStore store, Excludes excludes, int window) {
        this.store = store;
        this.excludes = excludes;
        this.window = window;
    }

    SyncPlan plan(RemoteListing listing) throws IOException {
        List<SkippedEntry> skipped = new ArrayList<>(listing.skipped());
        Map<String, RemoteFile> remote = new HashMap<>(listing.files().size() * 2);
        for (RemoteFile file : listing.files()) {
            String text = file.path().toString();
            Optional<String> exclude = excludes.matching(text);
            if (exclude.isPresent()) {
                skipped.add(SkippedEntry.ofRawName(text, "excluded by the pattern '" + exclude.get() + "'"));
            } else if (remote.putIfAbsent(text, file) != null) {
                skipped.add(SkippedEntry.ofRawName(text, "listed twice by the remote; the first one is mirrored"));
            }
        }
        Set<String> staged = store.staging().paths();
        List<SyncPlan.Transfer> transfers = new ArrayList<>();
        List<LogPath> returned = new ArrayList<>();
        List<LogPath> stale = new ArrayList<>();
        long bytesTotal = 0;
        for (RemoteFile file : remote.values()) {
            Optional<LogEntry> local = store.find(file.path());
            if (local.isPresent() && local.get().goneRemotely()) {
                returned.add(file.path());
            }
            if (local.isPresent() && local.get().size() == file.size()
                    && local.get().modified().equals(store.localPrecision(file.modified()))) {
                if (staged.contains(file.path().toString())) {
                    stale.add(file.path());
                }
                continue;
            }
            transfers.add(new SyncPlan.Transfer(file, local));
            long have = local.isPresent() && file.size() > local.get().size()
                    ? local.get().size() - Math.min(window, local.get().size()) : 0;
            bytesTotal += file.size() - have;
        }
        for (String text : staged) {
            if (!remote.containsKey(text)) {
                LogPath.parse(text).ifPresent(stale::add);
            }
        }
        // Larger transfers first, so that one big file does not start last and hold the sync up alone.
        transfers.sort((a, b) -> Long.compare(b.file().size(), a.file().size()));
        Set<String> refused = new HashSet<>();
        for (SkippedEntry entry : listing.skipped()) {
            refused.add(entry.rawName());
        }
        return new SyncPlan(transfers, bytesTotal, returned, stale, remote, refused, skipped);
    }
}
