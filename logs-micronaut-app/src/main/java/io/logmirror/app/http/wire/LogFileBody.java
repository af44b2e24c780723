package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** One element of {@code GET /logs}. */
@Serdeable
public record LogFileBody(@JsonProperty("filename") String filename,
                          @JsonProperty("path") String path,
                          @JsonProperty("size_bytes") long sizeBytes,
                          @JsonProperty("modified_time") String modifiedTime,
                          @JsonProperty("service") String service) {
}
