package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The last line of {@code GET /logs/search?format=ndjson}: {@code {"summary": {...}}}, told apart from matches by its
 * single key.
 *
 * @param summary what the search did
 */
@Serdeable
public record SearchEndBody(@JsonProperty("summary") Summary summary) {

    /**
     * @param matches       matches sent
     * @param filesSearched files read
     * @param filesSkipped  files not read: outside the time range, or after the limit was reached
     * @param filesFailed   files that could not be read
     * @param bytesRead     bytes read
     * @param stopped       why it ended: {@code completed}, {@code limit}, {@code cancelled} or {@code time_limit}
     * @param elapsedMs     how long it took, in milliseconds
     */
    @Serdeable
    public record Summary(@JsonProperty("matches") long matches,
                          @JsonProperty("files_searched") int filesSearched,
                          @JsonProperty("files_skipped") int filesSkipped,
                          @JsonProperty("files_failed") int filesFailed,
                          @JsonProperty("bytes_read") long bytesRead,
                          @JsonProperty("stopped") String stopped,
                          @JsonProperty("elapsed_ms") long elapsedMs) {
    }
}
