package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One value of {@code GET /services/stats}.
 *
 * @param service        the category
 * @param fileCount      its current files
 * @param totalSizeBytes their sizes added up
 * @param latestModified the newest remote modification time among them; null when there are none
 */
@Serdeable
public record ServiceStatsBody(@JsonProperty("service") String service,
                               @JsonProperty("file_count") long fileCount,
                               @JsonProperty("total_size_bytes") long totalSizeBytes,
                               @JsonProperty("latest_modified") @Nullable String latestModified) {
}
