package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One file of a job in {@code GET /jobs/{id}}.
 *
 * @param path         {@code categorized/<category>/<path>}, usable as {@code /logs/content?path=}
 * @param errorCount   its events at error level or worse
 * @param warningCount its events at warning level
 */
@Serdeable
public record JobFileBody(@JsonProperty("path") String path,
                          @JsonProperty("error_count") long errorCount,
                          @JsonProperty("warning_count") long warningCount) {
}
