package io.logmirror.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one sync did.
 *
 * @param started        when it began
 * @param duration       how long it took
 * @param filesListed    regular files the remote listed
 * @param filesAdded     files new to the mirror
 * @param filesGrown     files that grew and got only their new bytes
 * @param filesReplaced  files fetched again whole because they were rewritten or truncated (previous generation kept)
 * @param filesGone      files newly marked as gone remotely
 * @param bytesFetched   bytes read from the remote, including the bytes read to verify a growth
 * @param skipped        remote entries left alone, with the reason
 * @param failures       files that failed this time (the next sync retries them), with the error
 */
public record SyncReport(Instant started, Duration duration, int filesListed, int filesAdded, int filesGrown,
                         int filesReplaced, int filesGone, long bytesFetched,
                         List<SkippedEntry> skipped, List<SkippedEntry> failures) {

    public SyncReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
    }

    /** Whether the sync changed anything in the mirror. */
    public boolean changedAnything() {
        return filesAdded + filesGrown + filesReplaced + filesGone > 0;
    }
}
