package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code GET /status}: the original seven fields first, then the ones this service adds.
 * Times are ISO-8601 in UTC with an explicit offset; absent values are {@code null}.
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

    /** What the last successful sync changed. */
    @Serdeable
    public record Changes(@JsonProperty("files_added") long filesAdded,
                          @JsonProperty("files_grown") long filesGrown,
                          @JsonProperty("files_replaced") long filesReplaced,
                          @JsonProperty("files_gone") long filesGone,
                          @JsonProperty("bytes_fetched") long bytesFetched) {
    }

    /** How far the running sync has come; all zero when idle. */
    @Serdeable
    public record Progress(@JsonProperty("files_done") long filesDone,
                           @JsonProperty("files_total") long filesTotal,
                           @JsonProperty("bytes_done") long bytesDone,
                           @JsonProperty("bytes_total") long bytesTotal) {
    }
}
