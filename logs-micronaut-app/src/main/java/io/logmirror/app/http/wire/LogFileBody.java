package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One element of {@code GET /logs}.
 *
 * @param filename     the file's name (last path segment)
 * @param path         {@code categorized/<category>/<path>}, usable as {@code /logs/content?path=}
 * @param sizeBytes    the local size in bytes
 * @param modifiedTime the remote modification time
 * @param service      the file's category
 * @param errorCount   events at error level or worse found in it (not in the original: added after its fields)
 * @param warningCount events at warning level found in it (not in the original)
 */
@Serdeable
public record LogFileBody(@JsonProperty("filename") String filename,
                          @JsonProperty("path") String path,
                          @JsonProperty("size_bytes") long sizeBytes,
                          @JsonProperty("modified_time") String modifiedTime,
                          @JsonProperty("service") String service,
                          @JsonProperty("error_count") long errorCount,
                          @JsonProperty("warning_count") long warningCount) {
}
