package io.logmirror.search;

import java.time.Duration;
import java.util.Objects;

/**
 * What a search did.
 *
 * @param matches       how many matches were delivered to the sink
 * @param filesSearched how many files were read (whole or until the search stopped)
 * @param filesSkipped  how many selected files were not read because their time or the limit ruled them out
 * @param filesFailed   how many files could not be read (gone meanwhile, unreadable); the others were still searched
 * @param bytesRead     how many bytes were read
 * @param stopReason    why the search ended
 * @param elapsed       how long it took
 */
public record SearchSummary(long matches, int filesSearched, int filesSkipped, int filesFailed, long bytesRead,
                            StopReason stopReason, Duration elapsed) {

    public SearchSummary {
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
