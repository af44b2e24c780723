package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The body of {@code GET /status}: the original seven fields first, then the ones this service adds.
 * Times are written as the original wrote them: local time without an offset (see {@code Times} and
 * {@code docs/api.md}, "Times"); absent values are {@code null}.
 *
 * @param syncEnabled          whether a remote is configured (every mode but offline)
 * @param lastSyncTime         when the last sync ended, successful or not
 * @param syncIntervalSeconds  seconds between the end of one scheduled sync and the start of the next
 * @param totalSyncs           successful syncs since start-up
 * @param failedSyncs          syncs that failed as a whole since start-up
 * @param logsDirectory        the mirror's folder
 * @param categorizedDirectory the folder of the category links
 * @param mode                 ssh, local, demo or offline
 * @param syncRunning          whether a sync runs now
 * @param lastError            why the most recent sync failed; null once one succeeds
 * @param lastDurationSeconds  how long the last successful sync took
 * @param nextSyncTime         when the scheduler starts the next sync
 * @param lastChanges          what the last successful sync changed, and the files it could not sync; null before
 *                             the first
 * @param progress             the running sync's progress; zeros when idle
 * @param indexedFiles         current files in the mirror
 */
@Serdeable
public record StatusBody(@JsonProperty("sync_enabled") boolean syncEnabled,
                         @JsonProperty("last_sync_time") @Nullable String lastSyncTime,
                         @JsonProperty("sync_interval_seconds") long syncIntervalSeconds,
                         @JsonProperty("total_syncs") long totalSyncs,
                         @JsonProperty("failed_syncs") long failedSyncs,
                         @JsonProperty("logs_directory") String logsDirectory,
                         @JsonProperty("categorized_directory") String categorizedDirectory,
                         @JsonProperty("mode") String mode,
                         @JsonProperty("sync_running") boolean syncRunning,
                         @JsonProperty("last_error") @Nullable String lastError,
                         @JsonProperty("last_duration_seconds") @Nullable Double lastDurationSeconds,
                         @JsonProperty("next_sync_time") @Nullable String nextSyncTime,
                         @JsonProperty("last_changes") @Nullable Changes lastChanges,
                         @JsonProperty("progress") Progress progress,
                         @JsonProperty("indexed_files") long indexedFiles) {

    /**
     * What the last successful sync changed, and which files it could not bring up to date (a sync succeeds even
     * when some files fail: a full disk, say; they keep what was mirrored before and the next sync retries them).
     *
     * @param filesAdded    files new to the mirror
     * @param filesGrown    files that grew and got only their new bytes
     * @param filesReplaced files fetched whole again (rewritten or truncated remotely; the previous generation is kept)
     * @param filesGone     files newly gone from the remote (kept locally)
     * @param bytesFetched  bytes read from the remote
     * @param filesFailed   files the sync could not bring up to date, all counted
     * @param failures      the first of them by path (at most 20), with the reason; empty when none failed
     * @param filesSkipped  remote entries left out on purpose (unsafe names, special files, escaping symlinks,
     *                      excluded patterns), all counted
     * @param skipped       the first of them by name (at most 20), with the reason; empty when none
     */
    @Serdeable
    public record Changes(@JsonProperty("files_added") long filesAdded,
                          @JsonProperty("files_grown") long filesGrown,
                          @JsonProperty("files_replaced") long filesReplaced,
                          @JsonProperty("files_gone") long filesGone,
                          @JsonProperty("bytes_fetched") long bytesFetched,
                          @JsonProperty("files_failed") long filesFailed,
                          @JsonProperty("failures") List<FailedFileBody> failures,
                          @JsonProperty("files_skipped") long filesSkipped,
                          @JsonProperty("skipped") List<SkippedNameBody> skipped) {
    }

    /**
     * How far the running sync has come; all zero when idle. Only files that need a transfer count.
     *
     * @param filesDone  files finished
     * @param filesTotal files this sync transfers
     * @param bytesDone  bytes fetched so far
     * @param bytesTotal bytes this sync expects to fetch
     */
    @Serdeable
    public record Progress(@JsonProperty("files_done") long filesDone,
                           @JsonProperty("files_total") long filesTotal,
                           @JsonProperty("bytes_done") long bytesDone,
                           @JsonProperty("bytes_total") long bytesTotal) {
    }
}
