package io.logmirror.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the engine's sync state, as {@code /status} shows it.
 *
 * @param running           whether a sync is running now
 * @param progress          the running sync's progress; {@link SyncProgress#NONE} when idle
 * @param successfulSyncs   syncs that completed (individual file failures do not fail a sync)
 * @param failedSyncs       syncs that failed as a whole (the remote could not be listed, say)
 * @param lastSuccess       when the last successful sync ended
 * @param lastFinished      when the last sync, successful or not, ended
 * @param lastReport        the last successful sync's report
 * @param lastError         the last failed sync's error, when the most recent sync failed
 * @param nextSync          when the scheduler runs the next sync; empty when not scheduled
 * @param consecutiveFailures failed syncs since the last success (drives the back-off)
 */
public record SyncStatus(boolean running, SyncProgress progress, long successfulSyncs, long failedSyncs,
                         Optional<Instant> lastSuccess, Optional<Instant> lastFinished,
                         Optional<SyncReport> lastReport, Optional<String> lastError,
                         Optional<Instant> nextSync, int consecutiveFailures) {
}
