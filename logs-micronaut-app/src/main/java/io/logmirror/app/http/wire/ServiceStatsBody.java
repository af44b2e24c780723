package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One value of {@code GET /services/stats}. */
@Serdeable
public record ServiceStatsBody(@JsonProperty("service") String service,
                               @JsonProperty("file_count") long fileCount,
                               @JsonProperty("total_size_bytes") long totalSizeBytes,
                               @JsonProperty("latest_modified") @Nullable String latestModified) {
}
