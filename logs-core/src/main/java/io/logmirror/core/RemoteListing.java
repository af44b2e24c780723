package io.logmirror.core;

import java.util.List;

/**
 * What a {@link RemoteSource} found in the remote folder.
 *
 * @param files   every regular file that may be mirrored, in no particular order
 * @param skipped entries that were seen but may not be mirrored, with the reason
 */
public record RemoteListing(List<RemoteFile> files, List<SkippedEntry> skipped) {

    public RemoteListing {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }
}
